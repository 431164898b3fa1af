"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ChevronRight, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormDialog } from "@/app/_components/form-dialog";
import { Button } from "@/app/_components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "@/app/_components/ui/dialog";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import {
  blankValues,
  filledOptions,
  IntegrationFields,
  type IntegrationFormValues,
  shownFields,
} from "./integration-fields";
import type { CatalogEntry, TestConnectionInput } from "./integration-types";
import { TestConnection } from "./test-connection";

/** The first required credential still empty, as a sentence for the test button. */
export function missingCredential(
  entry: CatalogEntry,
  credentials: Record<string, string>,
  options: Record<string, string>,
): string | null {
  const credential = entry.credentialFields.find(
    (field) => field.required && !credentials[field.name]?.trim(),
  );
  if (credential) return `Enter the ${credential.label} first.`;
  const option = entry.optionFields.find((field) => field.required && !options[field.name]?.trim());
  return option ? `Enter the ${option.label} first.` : null;
}

/** "Add integration": pick a provider from the catalog, then fill in its connection. */
export function AddIntegrationButton({
  catalog,
  label = "Add integration",
}: {
  catalog: CatalogEntry[];
  label?: string;
}) {
  const [picking, setPicking] = useState(false);
  const [entry, setEntry] = useState<CatalogEntry | null>(null);
  return (
    <>
      <Button onClick={() => setPicking(true)}>
        <Plus aria-hidden /> {label}
      </Button>
      <Dialog open={picking} onOpenChange={setPicking}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Add an integration</DialogTitle>
            <DialogDescription>
              Choose where employees come from. You enter the connection details next and can test them before
              saving.
            </DialogDescription>
          </DialogHeader>
          <ul aria-label="Providers" className="grid gap-2">
            {catalog.map((option) => (
              <li key={option.provider}>
                <button
                  type="button"
                  className="flex w-full items-center justify-between gap-3 rounded-md border p-3 text-left outline-none transition-colors hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring"
                  onClick={() => {
                    setPicking(false);
                    setEntry(option);
                  }}
                >
                  <span className="grid gap-0.5">
                    <span className="font-medium text-sm">{option.label}</span>
                    <span className="text-muted-foreground text-sm">
                      {option.incremental
                        ? "Syncs only what changed since the last run; a full resync is available."
                        : "Reads everyone on each sync."}
                    </span>
                  </span>
                  <ChevronRight aria-hidden className="size-4 shrink-0 text-muted-foreground" />
                </button>
              </li>
            ))}
          </ul>
        </DialogContent>
      </Dialog>
      {entry ? <NewIntegrationDialog entry={entry} onClose={() => setEntry(null)} /> : null}
    </>
  );
}

function NewIntegrationDialog({ entry, onClose }: { entry: CatalogEntry; onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<IntegrationFormValues>(() => blankValues(entry));
  const create = useMutation(
    trpc.integrations.create.mutationOptions({
      onSuccess: async (created) => {
        await queryClient.invalidateQueries({ queryKey: trpc.integrations.list.queryKey() });
        notifySuccess("integration-added", `${values.name.trim()} added`);
        router.push(`/settings/integrations/${created.id}`);
      },
    }),
  );
  const errors = mutationMessages(create.error, shownFields(entry));
  const options = filledOptions(values.options);
  const missing = missingCredential(entry, values.credentials, options);
  const testInput: TestConnectionInput | { missing: string } = missing
    ? { missing }
    : { provider: entry.provider, credentials: values.credentials, options };

  return (
    <FormDialog
      title={`Connect ${entry.label}`}
      description="Credentials are encrypted when saved and never shown again in full."
      submitLabel="Add integration"
      pending={create.isPending || create.isSuccess}
      error={errors.form}
      onClose={onClose}
      onSubmit={() =>
        create.mutate({
          provider: entry.provider,
          name: values.name.trim(),
          credentials: values.credentials,
          options,
          schedule: values.schedule,
          fieldPolicy: values.fieldPolicy,
        })
      }
    >
      <IntegrationFields
        idPrefix="new-integration"
        entry={entry}
        values={values}
        onChange={setValues}
        errors={errors}
      />
      <TestConnection input={testInput} />
    </FormDialog>
  );
}
