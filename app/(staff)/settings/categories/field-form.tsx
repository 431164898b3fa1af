"use client";

import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormError } from "@/app/_components/form-error";
import { Button } from "@/app/_components/ui/button";
import { Checkbox } from "@/app/_components/ui/checkbox";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { Textarea } from "@/app/_components/ui/textarea";
import { mutationMessages } from "@/app/_lib/form-errors";
import { listItemsProblem, listTextLimit } from "@/app/_lib/list-text-limit";
import { useSubmission } from "@/app/_lib/use-submission";
import type { CustomFieldType } from "@/server/reference/catalog/custom-fields";
import { customFieldTypes } from "@/server/reference/catalog/custom-fields";
import { FIELD_OPTION_MAX, FIELD_OPTIONS_MAX } from "@/server/reference/catalog/schemas";

/** The options box: one option per line, as many and as long as the server takes. */
const optionRule = { items: FIELD_OPTIONS_MAX, itemMax: FIELD_OPTION_MAX, noun: "option" };
const OPTIONS_LIMIT = listTextLimit({ ...optionRule, separator: "\n" });

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
  const { error, pending, submit } = useSubmission();
  const errors = mutationMessages(error, ["label", "options"]);
  const prefix = initial ? "edit-field" : "new-field";

  const check = async () => {
    const list = options
      .split("\n")
      .map((option) => option.trim())
      .filter(Boolean);
    const problems = {
      label: label.trim() ? undefined : "Enter a label",
      options:
        type !== "select"
          ? undefined
          : list.length === 0
            ? "List at least one option, one per line"
            : listItemsProblem(list, optionRule),
    };
    setLocal(problems);
    if (problems.label || problems.options) return;
    const saved = await submit(() =>
      save({ label: label.trim(), type, required, options: type === "select" ? list : [] }),
    );
    if (saved && !initial) {
      setLabel("");
      setOptions("");
      setRequired(false);
    }
  };

  return (
    <form
      className="grid gap-3"
      noValidate
      aria-label={submitLabel}
      onSubmit={(event) => {
        event.preventDefault();
        void check();
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField
          label="Label"
          htmlFor={`${prefix}-label`}
          required
          error={local.label ?? errors.field("label")}
        >
          <Input
            id={`${prefix}-label`}
            value={label}
            limit={120}
            onChange={(e) => setLabel(e.target.value)}
          />
        </FormField>
        <FormField label="Type" htmlFor={`${prefix}-type`}>
          <ChoiceSelect
            id={`${prefix}-type`}
            value={type}
            onChange={(value) => setType(value as CustomFieldType)}
            disabled={Boolean(initial)}
            choices={customFieldTypes.map((option) => ({ value: option, label: typeLabels[option] }))}
          />
        </FormField>
      </div>
      {type === "select" ? (
        <FormField
          label="Options"
          htmlFor={`${prefix}-options`}
          required
          description="One per line."
          error={local.options ?? errors.field("options")}
        >
          <Textarea
            id={`${prefix}-options`}
            rows={3}
            limit={OPTIONS_LIMIT}
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
      <FormError message={errors.form} />
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
