"use client";

import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormField } from "@/app/_components/ui/form-field";
import { describeContents } from "@/server/reference/locations/location-tree";
import { ConfirmDialog } from "../_components/confirm-dialog";
import { type Node, pathLabel } from "./tree-helpers";

/**
 * Deletes a location. One that holds assets, people or sub-locations is refused unless a location
 * is chosen to move them to; the server says exactly what is in the way.
 */
export function DeleteDialog({
  node,
  nodes,
  branch,
  onClose,
  remove,
}: {
  node: Node;
  nodes: readonly Node[];
  branch: Set<string>;
  onClose: () => void;
  remove: (reassignTo: string | undefined) => Promise<unknown>;
}) {
  const [target, setTarget] = useState("");
  const contents = { assets: node.assetCount, children: node.childCount, employees: node.employeeCount };
  const holds = contents.assets + contents.children + contents.employees > 0;
  const options = nodes.filter((other) => !branch.has(other.id) && !other.archivedAt);

  return (
    <ConfirmDialog
      title={`Delete ${node.name}?`}
      description={
        holds
          ? `${node.name} holds ${describeContents(contents)}. Choose where they go, or move them first.`
          : `${node.name} is empty. Deleting it cannot be undone.`
      }
      confirmLabel="Delete location"
      onClose={onClose}
      confirm={() => remove(target || undefined)}
    >
      {holds ? (
        <FormField label="Move its contents to" htmlFor="delete-reassign">
          <ChoiceSelect
            id="delete-reassign"
            value={target}
            onChange={setTarget}
            empty="Nowhere (refuse if not empty)"
            choices={options.map((option) => ({ value: option.id, label: pathLabel(option) }))}
          />
        </FormField>
      ) : null}
    </ConfirmDialog>
  );
}
