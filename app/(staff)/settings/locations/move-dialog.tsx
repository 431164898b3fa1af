"use client";

import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormDialog } from "@/app/_components/form-dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { mutationMessages } from "@/app/_lib/form-errors";
import { useSubmission } from "@/app/_lib/use-submission";
import { canContain } from "@/server/reference/locations/location-tree";
import { type Node, pathLabel } from "./tree-helpers";

/** Moves a location and its branch under another parent; its own branch is not offered (no cycles). */
export function MoveDialog({
  node,
  nodes,
  branch,
  onClose,
  move,
}: {
  node: Node;
  nodes: readonly Node[];
  branch: Set<string>;
  onClose: () => void;
  move: (parentId: string | null) => Promise<unknown>;
}) {
  const [parent, setParent] = useState(node.parentId ?? "");
  const { error, pending, submit } = useSubmission();
  const options = nodes.filter(
    (other) => !branch.has(other.id) && !other.archivedAt && canContain(other.kind, node.kind),
  );

  return (
    <FormDialog
      title={`Move ${node.name}`}
      description={`Everything inside ${node.name} moves with it. Only locations that can hold a ${node.kind} are listed.`}
      submitLabel="Move"
      pending={pending}
      error={mutationMessages(error, []).form}
      submitDisabled={parent === (node.parentId ?? "")}
      onClose={onClose}
      onSubmit={async () => {
        if (await submit(() => move(parent || null))) onClose();
      }}
    >
      <FormField label="New parent" htmlFor="move-parent">
        <ChoiceSelect
          id="move-parent"
          value={parent}
          onChange={setParent}
          empty="Top level (no parent)"
          choices={options.map((option) => ({ value: option.id, label: pathLabel(option) }))}
        />
      </FormField>
    </FormDialog>
  );
}
