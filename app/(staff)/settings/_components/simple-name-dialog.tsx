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
import { Input } from "@/app/_components/ui/input";
import { FormAlert, fieldError, formError, type MutationError } from "./reference-ui";

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
  const [error, setError] = useState<MutationError>(null);
  const [pending, setPending] = useState(false);

  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            if (!name.trim()) {
              setLocalError("Enter a name");
              return;
            }
            setLocalError(undefined);
            setPending(true);
            setError(null);
            try {
              await save(name.trim());
              onClose();
            } catch (caught) {
              setError(caught as MutationError);
            } finally {
              setPending(false);
            }
          }}
        >
          <FormField label="Name" htmlFor={id} required error={localError ?? fieldError(error, "name")}>
            <Input id={id} value={name} maxLength={120} autoFocus onChange={(e) => setName(e.target.value)} />
          </FormField>
          <FormAlert message={error?.data?.zodError ? undefined : formError(error)} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {submitLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
