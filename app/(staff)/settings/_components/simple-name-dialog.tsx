"use client";

import { useState } from "react";
import { FormDialog } from "@/app/_components/form-dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { mutationMessages } from "@/app/_lib/form-errors";
import { useSubmission } from "@/app/_lib/use-submission";

/** A dialog with one name field: create or rename something that has nothing else to set. */
export function SimpleNameDialog({
  id,
  title,
  description,
  submitLabel,
  initialName = "",
  onClose,
  save,
}: {
  id: string;
  title: string;
  description: string;
  submitLabel: string;
  initialName?: string;
  onClose: () => void;
  save: (name: string) => Promise<unknown>;
}) {
  const [name, setName] = useState(initialName);
  const [localError, setLocalError] = useState<string>();
  const { error, pending, submit } = useSubmission();
  const errors = mutationMessages(error, ["name"]);

  return (
    <FormDialog
      title={title}
      description={description}
      submitLabel={submitLabel}
      pending={pending}
      error={errors.form}
      onClose={onClose}
      onSubmit={async () => {
        setLocalError(name.trim() ? undefined : "Enter a name");
        if (name.trim() && (await submit(() => save(name.trim())))) onClose();
      }}
    >
      <FormField label="Name" htmlFor={id} required error={localError ?? errors.field("name")}>
        <Input id={id} value={name} limit={120} autoFocus onChange={(e) => setName(e.target.value)} />
      </FormField>
    </FormDialog>
  );
}
