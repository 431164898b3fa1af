"use client";

import { KeyRound } from "lucide-react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { Button } from "@/app/_components/ui/button";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import type { FormMessages } from "@/app/_lib/form-errors";
import { FIELD_VALUE_MAX, INTEGRATION_NAME_MAX } from "@/server/integrations/schemas";
import {
  type FieldPolicy,
  fieldPolicies,
  fieldPolicyChoices,
  type Schedule,
  scheduleLabels,
  schedules,
} from "./integration-format";
import type { CatalogEntry, FieldSpec } from "./integration-types";

export type IntegrationFormValues = {
  name: string;
  credentials: Record<string, string>;
  options: Record<string, string>;
  schedule: Schedule;
  fieldPolicy: FieldPolicy;
};

/** Blank values for a new integration of `entry`'s provider (hourly, the HR system wins). */
export const blankValues = (entry: CatalogEntry): IntegrationFormValues => ({
  name: entry.label,
  credentials: Object.fromEntries(entry.credentialFields.map((field) => [field.name, ""])),
  options: Object.fromEntries(entry.optionFields.map((field) => [field.name, ""])),
  schedule: "hourly",
  fieldPolicy: "provider_wins",
});

/** The field names the form shows, as the server names them in its refusals. */
export const shownFields = (entry: CatalogEntry): string[] => [
  "name",
  "schedule",
  "fieldPolicy",
  ...entry.credentialFields.map((field) => `credentials.${field.name}`),
  ...entry.optionFields.map((field) => `options.${field.name}`),
];

/** Options with nothing typed in are left out, so the adapter's defaults apply. */
export const filledOptions = (options: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(options)
      .map(([name, value]) => [name, value.trim()] as const)
      .filter(([, value]) => value !== ""),
  );

/**
 * Editing keeps saved secrets out of the browser: each shows its hint ("••••3f9a") and a Replace
 * button that opens an empty field; only replaced credentials are sent.
 */
export type SavedCredentials = {
  hints: Record<string, string>;
  replacing: ReadonlySet<string>;
  setReplacing: (name: string, replacing: boolean) => void;
};

export function IntegrationFields({
  idPrefix,
  entry,
  values,
  onChange,
  errors,
  saved,
}: {
  idPrefix: string;
  entry: CatalogEntry;
  values: IntegrationFormValues;
  onChange: (values: IntegrationFormValues) => void;
  errors: FormMessages;
  saved?: SavedCredentials;
}) {
  const setCredential = (name: string, value: string) =>
    onChange({ ...values, credentials: { ...values.credentials, [name]: value } });
  const setOption = (name: string, value: string) =>
    onChange({ ...values, options: { ...values.options, [name]: value } });

  return (
    <div className="grid max-h-[60vh] gap-4 overflow-y-auto px-1">
      <FormField
        label="Name"
        htmlFor={`${idPrefix}-name`}
        description="How this connection is called in settings and alerts."
        error={errors.field("name")}
        required
      >
        <Input
          id={`${idPrefix}-name`}
          value={values.name}
          onChange={(event) => onChange({ ...values, name: event.target.value })}
          autoComplete="off"
          limit={INTEGRATION_NAME_MAX}
        />
      </FormField>

      {entry.credentialFields.map((field) =>
        saved?.hints[field.name] && !saved.replacing.has(field.name) ? (
          <SavedCredential
            key={field.name}
            field={field}
            hint={saved.hints[field.name] as string}
            onReplace={() => saved.setReplacing(field.name, true)}
          />
        ) : (
          <FormField
            key={field.name}
            label={field.label}
            htmlFor={`${idPrefix}-credential-${field.name}`}
            description={field.help}
            error={errors.field(`credentials.${field.name}`)}
            required={field.required}
          >
            <div className="flex items-start gap-2">
              <div className="min-w-0 flex-1">
                <Input
                  id={`${idPrefix}-credential-${field.name}`}
                  type={field.secret ? "password" : "text"}
                  autoComplete={field.secret ? "new-password" : "off"}
                  spellCheck={false}
                  placeholder={field.placeholder}
                  limit={FIELD_VALUE_MAX}
                  value={values.credentials[field.name] ?? ""}
                  onChange={(event) => setCredential(field.name, event.target.value)}
                  autoFocus={saved?.replacing.has(field.name)}
                />
              </div>
              {saved?.hints[field.name] ? (
                <Button
                  type="button"
                  variant="ghost"
                  onClick={() => {
                    setCredential(field.name, "");
                    saved.setReplacing(field.name, false);
                  }}
                >
                  Keep saved<span className="sr-only"> {field.label}</span>
                </Button>
              ) : null}
            </div>
          </FormField>
        ),
      )}

      {entry.optionFields.map((field) => (
        <FormField
          key={field.name}
          label={field.required ? field.label : `${field.label} (optional)`}
          htmlFor={`${idPrefix}-option-${field.name}`}
          description={field.help}
          error={errors.field(`options.${field.name}`)}
          required={field.required}
        >
          <Input
            id={`${idPrefix}-option-${field.name}`}
            type={field.name.toLowerCase().endsWith("url") ? "url" : "text"}
            autoComplete="off"
            spellCheck={false}
            placeholder={field.placeholder}
            limit={FIELD_VALUE_MAX}
            value={values.options[field.name] ?? ""}
            onChange={(event) => setOption(field.name, event.target.value)}
          />
        </FormField>
      ))}

      <FormField
        label="Schedule"
        htmlFor={`${idPrefix}-schedule`}
        description={
          values.schedule === "manual"
            ? "No scheduled syncs; Sync now still works."
            : "Scheduled syncs run while the integration is enabled."
        }
        error={errors.field("schedule")}
      >
        <ChoiceSelect
          id={`${idPrefix}-schedule`}
          value={values.schedule}
          onChange={(value) => onChange({ ...values, schedule: value as Schedule })}
          choices={schedules.map((value) => ({ value, label: scheduleLabels[value] }))}
        />
      </FormField>

      <fieldset className="grid gap-2">
        <legend className="mb-2 font-medium text-sm">When someone edits a field the HR system owns</legend>
        {fieldPolicies.map((policy) => (
          <label key={policy} className="flex items-start gap-3 rounded-md border p-3">
            <input
              type="radio"
              name={`${idPrefix}-field-policy`}
              value={policy}
              checked={values.fieldPolicy === policy}
              onChange={() => onChange({ ...values, fieldPolicy: policy })}
              className="mt-1"
            />
            <span className="grid gap-0.5">
              <span className="font-medium text-sm">{fieldPolicyChoices[policy].label}</span>
              <span className="text-muted-foreground text-sm">{fieldPolicyChoices[policy].hint}</span>
            </span>
          </label>
        ))}
        {errors.field("fieldPolicy") ? (
          <p role="alert" className="font-medium text-destructive text-sm">
            {errors.field("fieldPolicy")}
          </p>
        ) : null}
      </fieldset>
    </div>
  );
}

/** A saved secret: its hint only, and a way to replace it. */
function SavedCredential({
  field,
  hint,
  onReplace,
}: {
  field: FieldSpec;
  hint: string;
  onReplace: () => void;
}) {
  return (
    <div className="grid gap-2">
      <span className="font-medium text-sm">{field.label}</span>
      <div className="flex items-center gap-3">
        <span className="inline-flex items-center gap-2 rounded-md border bg-muted px-3 py-1.5 font-mono text-sm">
          <KeyRound aria-hidden className="size-4 text-muted-foreground" />
          <span className="sr-only">Saved {field.label}: </span>
          {hint}
        </span>
        <Button type="button" variant="outline" size="sm" onClick={onReplace}>
          Replace<span className="sr-only"> {field.label}</span>
        </Button>
      </div>
      <p className="text-muted-foreground text-sm">
        Saved and encrypted; only its last characters are shown. Replace it to send a new one.
      </p>
    </div>
  );
}
