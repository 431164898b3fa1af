"use client";

import { Checkbox } from "@/app/_components/ui/checkbox";
import { DateInput } from "@/app/_components/ui/date-input";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { CUSTOM_FIELD_TEXT_MAX } from "@/server/reference/catalog/custom-fields";
import type { CustomFieldDefinition } from "./asset-types";

const NONE = "__none";

type CustomFieldInputProps = {
  field: CustomFieldDefinition;
  value: unknown;
  error?: string;
  onChange: (value: unknown) => void;
};

/** One of a category's custom fields, rendered as its type asks (text, number, date, select, checkbox). */
export function CustomFieldInput({ field, value, error, onChange }: CustomFieldInputProps) {
  const id = `custom-${field.key}`;
  if (field.type === "checkbox") {
    return (
      <div className="grid gap-2">
        <div className="flex items-center gap-2">
          <Checkbox
            id={id}
            checked={value === true}
            onCheckedChange={(checked) => onChange(checked === true)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
          <Label htmlFor={id}>{field.label}</Label>
        </div>
        {error ? (
          <p id={`${id}-error`} role="alert" className="text-sm font-medium text-destructive">
            {error}
          </p>
        ) : null}
      </div>
    );
  }
  const text = value === null || value === undefined ? "" : String(value);
  return (
    <FormField label={field.label} htmlFor={id} required={field.required} error={error}>
      {field.type === "select" ? (
        <Select value={text || NONE} onValueChange={(next) => onChange(next === NONE ? "" : next)}>
          <SelectTrigger id={id} className="w-full">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={NONE}>{field.required ? "Choose…" : "None"}</SelectItem>
            {field.options.map((option) => (
              <SelectItem key={option} value={option}>
                {option}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      ) : field.type === "date" ? (
        <DateInput id={id} value={text} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <Input
          id={id}
          inputMode={field.type === "number" ? "decimal" : undefined}
          limit={field.type === "text" ? CUSTOM_FIELD_TEXT_MAX : undefined}
          value={text}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FormField>
  );
}
