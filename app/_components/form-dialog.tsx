"use client";

import type { FormEvent, ReactNode } from "react";
import { FormError } from "@/app/_components/form-error";
import { Button } from "@/app/_components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/app/_components/ui/dialog";

type FormDialogProps = {
  title: string;
  description: ReactNode;
  submitLabel: string;
  pending: boolean;
  /** The message for the whole form (mutationMessages(...).form); fields carry their own. */
  error?: string | null;
  onSubmit: () => void;
  onClose: () => void;
  children?: ReactNode;
  destructive?: boolean;
  /** Disables the submit button (nothing to save yet). */
  submitDisabled?: boolean;
};

/**
 * The frame of every form in a dialog: title, the fields, the form's message, Cancel and submit.
 * While the save is in flight the dialog stays open and says so, so a refusal lands in front of
 * the person who asked.
 */
export function FormDialog({
  title,
  description,
  submitLabel,
  pending,
  error,
  onSubmit,
  onClose,
  children,
  destructive,
  submitDisabled,
}: FormDialogProps) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Dialog open onOpenChange={(open) => (open || pending ? undefined : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" noValidate onSubmit={submit}>
          {children}
          <FormError message={error} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose} disabled={pending}>
              Cancel
            </Button>
            <Button
              type="submit"
              variant={destructive ? "destructive" : "default"}
              disabled={pending || submitDisabled}
            >
              {pending ? "Saving…" : submitLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
