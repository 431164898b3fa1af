"use client";

import { useState } from "react";
import { FormField } from "@/app/_components/ui/form-field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { describeContents } from "@/server/reference/location-tree";
import { ConfirmDialog } from "../_components/confirm-dialog";
import { type Node, pathLabel } from "./tree-helpers";

const KEEP = "keep";

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
  const [target, setTarget] = useState(KEEP);
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
      confirm={() => remove(target === KEEP ? undefined : target)}
    >
      {holds ? (
        <FormField label="Move its contents to" htmlFor="delete-reassign">
          <Select value={target} onValueChange={setTarget}>
            <SelectTrigger id="delete-reassign" className="w-full">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={KEEP}>Nowhere (refuse if not empty)</SelectItem>
              {options.map((option) => (
                <SelectItem key={option.id} value={option.id}>
                  {pathLabel(option)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </FormField>
      ) : null}
    </ConfirmDialog>
  );
}
