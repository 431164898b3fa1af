"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { FormDialog } from "@/app/_components/form-dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { Textarea } from "@/app/_components/ui/textarea";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import type { FileItem } from "./file-types";

type FileDialogProps = { file: FileItem; onClose: () => void; onChanged: () => Promise<unknown> };

/** Renames a file; the stored content and its history stay as they are. */
export function RenameFileDialog({ file, onClose, onChanged }: FileDialogProps) {
  const trpc = useTRPC();
  const inputId = useId();
  const [name, setName] = useState(file.name);
  const rename = useMutation(
    trpc.files.rename.mutationOptions({
      onSuccess: async (renamed) => {
        await onChanged();
        notifySuccess("file-renamed", `Renamed to ${renamed.name}`);
        onClose();
      },
    }),
  );
  const errors = mutationMessages(rename.error, ["name"]);
  return (
    <FormDialog
      title={`Rename ${file.name}`}
      description="The new name is what people see in the list and what a download is saved as."
      submitLabel="Rename"
      pending={rename.isPending}
      error={errors.form}
      submitDisabled={name.trim() === "" || name.trim() === file.name}
      onClose={onClose}
      onSubmit={() => rename.mutate({ id: file.id, name: name.trim() })}
    >
      <FormField label="Name" htmlFor={inputId} required error={errors.field("name")}>
        <Input id={inputId} value={name} limit={200} onChange={(event) => setName(event.target.value)} />
      </FormField>
    </FormDialog>
  );
}

/** Deletes a file with the reason the audit trail keeps ("duplicate of the signed copy"). */
export function DeleteFileDialog({ file, onClose, onChanged }: FileDialogProps) {
  const trpc = useTRPC();
  const reasonId = useId();
  const [reason, setReason] = useState("");
  const [tooShort, setTooShort] = useState(false);
  const remove = useMutation(
    trpc.files.delete.mutationOptions({
      onSuccess: async () => {
        await onChanged();
        notifySuccess("file-deleted", `${file.name} deleted`);
        onClose();
      },
    }),
  );
  const errors = mutationMessages(remove.error, ["reason"]);
  return (
    <FormDialog
      title={`Delete ${file.name}`}
      description="The file leaves this list and storage; the audit trail keeps who deleted it and why."
      submitLabel="Delete file"
      destructive
      pending={remove.isPending}
      error={errors.form}
      onClose={onClose}
      onSubmit={() => {
        const given = reason.trim();
        setTooShort(given.length < 3);
        if (given.length >= 3) remove.mutate({ id: file.id, reason: given });
      }}
    >
      <FormField
        label="Reason"
        htmlFor={reasonId}
        required
        error={tooShort ? "Say why the file is deleted (at least 3 characters)" : errors.field("reason")}
      >
        <Textarea
          id={reasonId}
          value={reason}
          limit={500}
          rows={2}
          onChange={(event) => setReason(event.target.value)}
        />
      </FormField>
    </FormDialog>
  );
}
