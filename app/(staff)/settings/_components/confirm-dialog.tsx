"use client";

import { type ReactNode, useState } from "react";
import { Button } from "@/app/_components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/app/_components/ui/dialog";
import { FormAlert, formError, type MutationError } from "./reference-ui";

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
  const [error, setError] = useState<MutationError>(null);
  const [pending, setPending] = useState(false);
  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {children}
        <FormAlert message={formError(error)} />
        <DialogFooter>
          <Button type="button" variant="outline" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="button"
            variant="destructive"
            disabled={pending}
            onClick={async () => {
              setPending(true);
              setError(null);
              try {
                await confirm();
                onClose();
              } catch (caught) {
                setError(caught as MutationError);
              } finally {
                setPending(false);
              }
            }}
          >
            {confirmLabel}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
