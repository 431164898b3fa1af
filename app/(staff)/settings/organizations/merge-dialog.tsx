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
import { FormAlert, formError, type MutationError } from "../_components/reference-ui";

/**
 * Folds a duplicate into another record. What moves is spelled out before anything happens,
 * because the duplicate is deleted.
 */
export function MergeDialog({
  duplicate,
  candidates,
  moves,
  onClose,
  merge,
}: {
  duplicate: { id: string; name: string };
  candidates: Array<{ id: string; name: string }>;
  /** What references the duplicate, in words ("its 3 employees"). */
  moves: string;
  onClose: () => void;
  merge: (survivorId: string) => Promise<unknown>;
}) {
  const [survivorId, setSurvivorId] = useState<string>();
  const [error, setError] = useState<MutationError>(null);
  const [pending, setPending] = useState(false);
  const [missing, setMissing] = useState(false);
  const survivor = candidates.find((candidate) => candidate.id === survivorId);

  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Merge {duplicate.name}</DialogTitle>
          <DialogDescription>
            {moves} and its aliases move to the one you choose; “{duplicate.name}” is kept as an alias of it,
            then {duplicate.name} is deleted.
          </DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            if (!survivorId) {
              setMissing(true);
              return;
            }
            setPending(true);
            setError(null);
            try {
              await merge(survivorId);
              onClose();
            } catch (caught) {
              setError(caught as MutationError);
            } finally {
              setPending(false);
            }
          }}
        >
          <FormField
            label="Merge into"
            htmlFor="merge-survivor"
            required
            error={missing && !survivorId ? "Choose the record to keep" : undefined}
          >
            <Select value={survivorId} onValueChange={setSurvivorId}>
              <SelectTrigger id="merge-survivor" className="w-full">
                <SelectValue placeholder="Choose the one to keep" />
              </SelectTrigger>
              <SelectContent>
                {candidates.map((candidate) => (
                  <SelectItem key={candidate.id} value={candidate.id}>
                    {candidate.name}
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
            <Button type="submit" variant="destructive" disabled={pending}>
              {survivor ? `Merge into ${survivor.name}` : "Merge"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
