"use client";

import { useState } from "react";
import { ChoiceSelect, recordChoices } from "@/app/_components/choice-select";
import { FormDialog } from "@/app/_components/form-dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { mutationMessages } from "@/app/_lib/form-errors";
import { useSubmission } from "@/app/_lib/use-submission";

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
  const [survivorId, setSurvivorId] = useState("");
  const { error, pending, submit } = useSubmission();
  const errors = mutationMessages(error, ["survivorId"]);
  const [missing, setMissing] = useState(false);
  const survivor = candidates.find((candidate) => candidate.id === survivorId);

  return (
    <FormDialog
      title={`Merge ${duplicate.name}`}
      description={
        <>
          {moves} and its aliases move to the one you choose; “{duplicate.name}” is kept as an alias of it,
          then {duplicate.name} is deleted.
        </>
      }
      submitLabel={survivor ? `Merge into ${survivor.name}` : "Merge"}
      pending={pending}
      error={errors.form}
      destructive
      onClose={onClose}
      onSubmit={async () => {
        setMissing(!survivorId);
        if (survivorId && (await submit(() => merge(survivorId)))) onClose();
      }}
    >
      <FormField
        label="Merge into"
        htmlFor="merge-survivor"
        required
        error={missing && !survivorId ? "Choose the record to keep" : errors.field("survivorId")}
      >
        <ChoiceSelect
          id="merge-survivor"
          value={survivorId}
          onChange={setSurvivorId}
          placeholder="Choose the one to keep"
          choices={recordChoices(candidates)}
        />
      </FormField>
    </FormDialog>
  );
}
