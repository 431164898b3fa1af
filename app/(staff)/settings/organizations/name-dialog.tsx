"use client";

import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/app/_components/ui/alert";
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
import { useTRPC } from "@/app/_trpc/client";
import { FormAlert, fieldError, formError, type MutationError } from "../_components/reference-ui";

type Existing = { id: string; name: string; matchedBy: "name" | "alias" };

type NameDialogProps = {
  entityType: "organization" | "department";
  mode: "create" | "rename";
  open: boolean;
  onOpenChange: (open: boolean) => void;
  initialName?: string;
  title?: string;
  /** Extra fields (a department's organization), rendered under the name. */
  children?: ReactNode;
  save: (name: string) => Promise<unknown>;
  addAlias: (entityId: string, alias: string) => Promise<unknown>;
  onUseExisting: (existing: { id: string; name: string }) => void;
};

/**
 * Create or rename an organization or department. A name the server refuses as a duplicate
 * ("IT dept" next to "IT Department") turns into a choice: use the existing one, or keep the new
 * spelling as its alias.
 */
export function NameDialog(props: NameDialogProps) {
  const { entityType, mode, open, onOpenChange } = props;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(props.initialName ?? "");
  const [error, setError] = useState<MutationError>(null);
  const [localError, setLocalError] = useState<string>();
  const [existing, setExisting] = useState<Existing | null>(null);
  const [pending, setPending] = useState(false);
  const id = `${entityType}-name`;

  const close = () => {
    onOpenChange(false);
    setName(props.initialName ?? "");
    setError(null);
    setLocalError(undefined);
    setExisting(null);
  };

  const run = async (action: () => Promise<unknown>) => {
    setPending(true);
    try {
      await action();
      close();
    } catch (caught) {
      setError(caught as MutationError);
      const conflict = (caught as MutationError)?.data?.appCode === "CONFLICT";
      if (conflict && mode === "create") {
        const match = await queryClient.fetchQuery(trpc.reference.match.queryOptions({ entityType, name }));
        setExisting(match ? { id: match.id, name: match.name, matchedBy: match.matchedBy } : null);
      }
    } finally {
      setPending(false);
    }
  };

  const submit = () => {
    setExisting(null);
    setError(null);
    if (!name.trim()) {
      setLocalError("Enter a name");
      return;
    }
    setLocalError(undefined);
    void run(() => props.save(name.trim()));
  };

  return (
    <Dialog open={open} onOpenChange={(next) => (next ? onOpenChange(true) : close())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>
            {props.title ??
              (mode === "create" ? `Add ${entityType}` : `Rename ${props.initialName ?? entityType}`)}
          </DialogTitle>
          <DialogDescription>
            Names are compared without case, punctuation or common abbreviations: “IT dept” and “IT
            Department” are the same {entityType}.
          </DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <FormField label="Name" htmlFor={id} required error={localError ?? fieldError(error, "name")}>
            <Input
              id={id}
              value={name}
              autoFocus
              maxLength={120}
              onChange={(event) => {
                setName(event.target.value);
                setExisting(null);
              }}
            />
          </FormField>
          {props.children}
          {existing ? (
            <Alert>
              <AlertTitle>Already exists</AlertTitle>
              <AlertDescription>
                <p>{error?.message}</p>
                <div className="mt-2 flex flex-wrap gap-2">
                  <Button
                    type="button"
                    size="sm"
                    onClick={() => {
                      props.onUseExisting(existing);
                      close();
                    }}
                  >
                    Use {existing.name}
                  </Button>
                  {existing.matchedBy === "name" &&
                  name.trim().toLowerCase() !== existing.name.toLowerCase() ? (
                    <Button
                      type="button"
                      size="sm"
                      variant="outline"
                      disabled={pending}
                      onClick={() => void run(() => props.addAlias(existing.id, name.trim()))}
                    >
                      Add as alias
                    </Button>
                  ) : null}
                </div>
              </AlertDescription>
            </Alert>
          ) : (
            <FormAlert message={fieldError(error, "name") ? undefined : formError(error)} />
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : mode === "create" ? `Add ${entityType}` : "Save"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
