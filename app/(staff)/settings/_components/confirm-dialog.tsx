"use client";

import type { ReactNode } from "react";
import { FormDialog } from "@/app/_components/form-dialog";
import { mutationMessages } from "@/app/_lib/form-errors";
import { useSubmission } from "@/app/_lib/use-submission";

/**
 * Asks before an irreversible change and shows the server's refusal in place ("used by 3 assets;
 * archive it instead"), so the person can act on it without losing context.
 */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  children,
  onClose,
  confirm,
}: {
  title: string;
  description: ReactNode;
  confirmLabel: string;
  children?: ReactNode;
  onClose: () => void;
  confirm: () => Promise<unknown>;
}) {
  const { error, pending, submit } = useSubmission();
  return (
    <FormDialog
      title={title}
      description={description}
      submitLabel={confirmLabel}
      pending={pending}
      error={mutationMessages(error, []).form}
      destructive
      onClose={onClose}
      onSubmit={async () => {
        if (await submit(confirm)) onClose();
      }}
    >
      {children}
    </FormDialog>
  );
}
