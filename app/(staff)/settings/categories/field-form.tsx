"use client";

import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Checkbox } from "@/app/_components/ui/checkbox";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { Textarea } from "@/app/_components/ui/textarea";
import type { CustomFieldType } from "@/server/reference/custom-fields";
import { customFieldTypes } from "@/server/reference/custom-fields";
import { FormAlert, fieldError, formError, type MutationError } from "../_components/reference-ui";

export const typeLabels: Record<CustomFieldType, string> = {
  text: "Text",
  number: "Number",
  date: "Date",
  select: "Choice from a list",
  checkbox: "Yes / no",
};

export type FieldValues = { label: string; type: CustomFieldType; required: boolean; options: string[] };

/**
 * The form for one custom field. Editing keeps the type (stored values depend on it), so only a
 * new field chooses one.
 */
export function FieldForm({
  initial,
  submitLabel,
  save,
  onCancel,
}: {
  initial?: FieldValues;
  submitLabel: string;
  save: (values: FieldValues) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const [label, setLabel] = useState(initial?.label ?? "");
  const [type, setType] = useState<CustomFieldType>(initial?.type ?? "text");
  const [required, setRequired] = useState(initial?.required ?? false);
  const [options, setOptions] = useState((initial?.options ?? []).join("\n"));
  const [local, setLocal] = useState<{ label?: string; options?: string }>({});
  const [error, setError] = useState<MutationError>(null);
  const [pending, setPending] = useState(false);
  const prefix = initial ? "edit-field" : "new-field";

  const submit = async () => {
    const list = options
      .split("\n")
      .map((option) => option.trim())
      .filter(Boolean);
    const problems = {
      label: label.trim() ? undefined : "Enter a label",
      options: type === "select" && list.length === 0 ? "List at least one option, one per line" : undefined,
    };
    setLocal(problems);
    if (problems.label || problems.options) return;
    setPending(true);
    setError(null);
    try {
      await save({ label: label.trim(), type, required, options: type === "select" ? list : [] });
      if (!initial) {
        setLabel("");
        setOptions("");
        setRequired(false);
      }
    } catch (caught) {
      setError(caught as MutationError);
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      className="grid gap-3"
      noValidate
      aria-label={submitLabel}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField
          label="Label"
          htmlFor={`${prefix}-label`}
          required
          error={local.label ?? fieldError(error, "label")}
        >
          <Input
            id={`${prefix}-label`}
            value={label}
            maxLength={120}
            onChange={(e) => setLabel(e.target.value)}
          />
        </FormField>
        <FormField label="Type" htmlFor={`${prefix}-type`}>
          <Select
            value={type}
            onValueChange={(value) => setType(value as CustomFieldType)}
            disabled={Boolean(initial)}
          >
            <SelectTrigger id={`${prefix}-type`} className="w-full">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {customFieldTypes.map((option) => (
                <SelectItem key={option} value={option}>
                  {typeLabels[option]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </FormField>
      </div>
      {type === "select" ? (
        <FormField
          label="Options"
          htmlFor={`${prefix}-options`}
          required
          description="One per line."
          error={local.options ?? fieldError(error, "options")}
        >
          <Textarea
            id={`${prefix}-options`}
            rows={3}
            value={options}
            onChange={(e) => setOptions(e.target.value)}
          />
        </FormField>
      ) : null}
      <div className="flex items-center gap-2">
        <Checkbox
          id={`${prefix}-required`}
          checked={required}
          onCheckedChange={(value) => setRequired(value === true)}
        />
        <Label htmlFor={`${prefix}-required`} className="font-normal">
          Required
        </Label>
      </div>
      <FormAlert message={error?.data?.zodError ? undefined : formError(error)} />
      <div className="flex justify-end gap-2">
        {onCancel ? (
          <Button type="button" variant="outline" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
        <Button type="submit" disabled={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
