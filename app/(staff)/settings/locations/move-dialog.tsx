"use client";

import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/app/_components/ui/dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { canContain } from "@/server/reference/location-tree";
import { FormAlert, formError, type MutationError } from "../_components/reference-ui";
import { type Node, pathLabel } from "./tree-helpers";

const TOP = "top";

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
  const [parent, setParent] = useState(node.parentId ?? TOP);
  const [error, setError] = useState<MutationError>(null);
  const [pending, setPending] = useState(false);
  const options = nodes.filter(
    (other) => !branch.has(other.id) && !other.archivedAt && canContain(other.kind, node.kind),
  );

  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Move {node.name}</DialogTitle>
          <DialogDescription>
            Everything inside {node.name} moves with it. Only locations that can hold a {node.kind} are
            listed.
          </DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            setPending(true);
            setError(null);
            try {
              await move(parent === TOP ? null : parent);
              onClose();
            } catch (caught) {
              setError(caught as MutationError);
            } finally {
              setPending(false);
            }
          }}
        >
          <FormField label="New parent" htmlFor="move-parent">
            <Select value={parent} onValueChange={setParent}>
              <SelectTrigger id="move-parent" className="w-full">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={TOP}>Top level (no parent)</SelectItem>
                {options.map((option) => (
                  <SelectItem key={option.id} value={option.id}>
                    {pathLabel(option)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </FormField>
          <FormAlert message={formError(error)} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending || parent === (node.parentId ?? TOP)}>
              Move
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
