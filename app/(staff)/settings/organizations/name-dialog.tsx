"use client";

import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { FormDialog } from "@/app/_components/form-dialog";
import { Alert, AlertDescription, AlertTitle } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { asMutationError, mutationMessages } from "@/app/_lib/form-errors";
import { useSubmission } from "@/app/_lib/use-submission";
import { useTRPC } from "@/app/_trpc/client";

/** The record a refused name matches, and the refusal that named it. */
type Existing = { id: string; name: string; matchedBy: "name" | "alias"; refusal: string };

type NameDialogProps = {
  entityType: "organization" | "department";
  mode: "create" | "rename";
  onClose: () => void;
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
  const { entityType, mode, onClose } = props;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(props.initialName ?? "");
  const [localError, setLocalError] = useState<string>();
  const [existing, setExisting] = useState<Existing | null>(null);
  const { error, pending, submit } = useSubmission();
  const errors = mutationMessages(error, ["name"]);
  const id = `${entityType}-name`;

  const run = async (action: () => Promise<unknown>) => {
    if (await submit(action)) onClose();
  };

  /** Saves; a duplicate found on create is looked up so the dialog can offer it. */
  const save = async () => {
    try {
      await props.save(name.trim());
    } catch (caught) {
      const refusal = asMutationError(caught);
      if (mode === "create" && refusal.data?.appCode === "CONFLICT") {
        const match = await queryClient.fetchQuery(trpc.reference.match.queryOptions({ entityType, name }));
        setExisting(
          match
            ? { id: match.id, name: match.name, matchedBy: match.matchedBy, refusal: refusal.message }
            : null,
        );
      }
      throw caught;
    }
  };

  return (
    <FormDialog
      title={
        props.title ?? (mode === "create" ? `Add ${entityType}` : `Rename ${props.initialName ?? entityType}`)
      }
      description={`Names are compared without case, punctuation or common abbreviations: “IT dept” and “IT Department” are the same ${entityType}.`}
      submitLabel={mode === "create" ? `Add ${entityType}` : "Save"}
      pending={pending}
      error={existing ? undefined : errors.form}
      onClose={onClose}
      onSubmit={() => {
        setExisting(null);
        setLocalError(name.trim() ? undefined : "Enter a name");
        if (name.trim()) void run(save);
      }}
    >
      <FormField label="Name" htmlFor={id} required error={localError ?? errors.field("name")}>
        <Input
          id={id}
          value={name}
          autoFocus
          limit={120}
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
            <p>{errors.form ?? existing.refusal}</p>
            <div className="mt-2 flex flex-wrap gap-2">
              <Button
                type="button"
                size="sm"
                onClick={() => {
                  props.onUseExisting(existing);
                  onClose();
                }}
              >
                Use {existing.name}
              </Button>
              {existing.matchedBy === "name" && name.trim().toLowerCase() !== existing.name.toLowerCase() ? (
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
      ) : null}
    </FormDialog>
  );
}
