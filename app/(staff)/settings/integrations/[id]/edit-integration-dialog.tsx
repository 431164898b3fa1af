"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormDialog } from "@/app/_components/form-dialog";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import { missingCredential } from "../add-integration-dialog";
import {
  filledOptions,
  IntegrationFields,
  type IntegrationFormValues,
  shownFields,
} from "../integration-fields";
import type { CatalogEntry, IntegrationDetail, TestConnectionInput } from "../integration-types";
import { TestConnection } from "../test-connection";

const sameOptions = (a: Record<string, string>, b: Record<string, string>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * The integration's settings. Saved secrets stay on the server: each shows its hint and is sent
 * only when replaced. Test connection checks what the form holds: the saved credentials when none
 * is replaced, the new ones when all are.
 */
export function EditIntegrationDialog({
  integration,
  entry,
  onClose,
}: {
  integration: IntegrationDetail;
  entry: CatalogEntry;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const savedOptions = integration.options as Record<string, string>;
  const [values, setValues] = useState<IntegrationFormValues>(() => ({
    name: integration.name,
    credentials: Object.fromEntries(entry.credentialFields.map((field) => [field.name, ""])),
    options: Object.fromEntries(
      entry.optionFields.map((field) => [field.name, savedOptions[field.name] ?? ""]),
    ),
    schedule: integration.schedule,
    fieldPolicy: integration.fieldPolicy,
  }));
  const hints = integration.credentialHints as Record<string, string>;
  const [replacing, setReplacingSet] = useState<ReadonlySet<string>>(
    () => new Set(entry.credentialFields.filter((field) => !hints[field.name]).map((field) => field.name)),
  );
  const setReplacing = (name: string, on: boolean) =>
    setReplacingSet((current) => {
      const next = new Set(current);
      if (on) next.add(name);
      else next.delete(name);
      return next;
    });

  const update = useMutation(
    trpc.integrations.update.mutationOptions({
      onSuccess: () => {
        notifySuccess("integration-saved", "Integration saved");
        void queryClient.invalidateQueries({ queryKey: trpc.integrations.pathKey() });
        onClose();
      },
    }),
  );
  const errors = mutationMessages(update.error, shownFields(entry));
  const options = filledOptions(values.options);
  const replaced = Object.fromEntries(
    [...replacing].map((name) => [name, values.credentials[name] ?? ""] as const),
  );

  let testInput: TestConnectionInput | { missing: string };
  let note: string | undefined;
  if (replacing.size === 0) {
    testInput = { id: integration.id };
    note = sameOptions(options, filledOptions(savedOptions))
      ? "Tests the saved connection."
      : "Tests the saved connection; save to test the changed options.";
  } else if (replacing.size === entry.credentialFields.length) {
    const missing = missingCredential(entry, values.credentials, options);
    testInput = missing
      ? { missing }
      : { provider: integration.provider, credentials: values.credentials, options };
  } else {
    testInput = {
      missing: "Replace every credential to test new ones, or keep them all to test the saved ones.",
    };
  }

  return (
    <FormDialog
      title={`Edit ${integration.name}`}
      description="Changes apply from the next sync. Saved credentials are never shown in full."
      submitLabel="Save changes"
      pending={update.isPending}
      error={errors.form}
      onClose={onClose}
      onSubmit={() =>
        update.mutate({
          id: integration.id,
          name: values.name.trim(),
          ...(replacing.size > 0 ? { credentials: replaced } : {}),
          options,
          schedule: values.schedule,
          fieldPolicy: values.fieldPolicy,
        })
      }
    >
      <IntegrationFields
        idPrefix="edit-integration"
        entry={entry}
        values={values}
        onChange={setValues}
        errors={errors}
        saved={{ hints, replacing, setReplacing }}
      />
      <TestConnection input={testInput} note={note} />
    </FormDialog>
  );
}
