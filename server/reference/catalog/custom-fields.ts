import { z } from "zod";

/** How long a text custom field's value may be (the asset form counts toward it). */
export const CUSTOM_FIELD_TEXT_MAX = 500;

export const customFieldTypes = ["text", "number", "date", "select", "checkbox"] as const;
export type CustomFieldType = (typeof customFieldTypes)[number];

export type CustomFieldDefinition = {
  key: string;
  label: string;
  type: CustomFieldType;
  required: boolean;
  options: string[];
};

export type CustomFieldValues = Record<string, string | number | boolean | null>;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Validates an asset's custom field values against its category's definitions. Returns the
 * cleaned values (numbers parsed, blanks dropped, unknown keys refused) or a message per field
 * naming the field by its label.
 */
export function validateCustomFields(
  definitions: readonly CustomFieldDefinition[],
  input: Record<string, unknown>,
): { ok: true; values: CustomFieldValues } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const values: CustomFieldValues = {};
  const known = new Set(definitions.map((definition) => definition.key));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) errors[key] = `"${key}" is not a field of this category`;
  }
  for (const definition of definitions) {
    const raw = input[definition.key];
    const blank = raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "");
    if (blank) {
      if (definition.required && definition.type !== "checkbox")
        errors[definition.key] = `${definition.label} is required`;
      if (definition.type === "checkbox") values[definition.key] = false;
      continue;
    }
    switch (definition.type) {
      case "text":
        if (typeof raw !== "string" && typeof raw !== "number")
          errors[definition.key] = `${definition.label} must be text`;
        else if (String(raw).length > CUSTOM_FIELD_TEXT_MAX)
          errors[definition.key] = `${definition.label} must be at most ${CUSTOM_FIELD_TEXT_MAX} characters`;
        else values[definition.key] = String(raw).trim();
        break;
      case "number": {
        const parsed = typeof raw === "number" ? raw : Number(String(raw).trim().replace(/,/g, ""));
        if (!Number.isFinite(parsed)) errors[definition.key] = `${definition.label} must be a number`;
        else values[definition.key] = parsed;
        break;
      }
      case "date":
        if (typeof raw !== "string" || !isoDate.test(raw.trim()) || Number.isNaN(Date.parse(raw.trim()))) {
          errors[definition.key] = `${definition.label} must be a date like 2026-01-31`;
        } else values[definition.key] = raw.trim();
        break;
      case "select":
        if (!definition.options.includes(String(raw).trim())) {
          errors[definition.key] = `${definition.label} must be one of: ${definition.options.join(", ")}`;
        } else values[definition.key] = String(raw).trim();
        break;
      case "checkbox": {
        const text = String(raw).trim().toLowerCase();
        if (typeof raw === "boolean") values[definition.key] = raw;
        else if (["true", "yes", "1", "y"].includes(text)) values[definition.key] = true;
        else if (["false", "no", "0", "n"].includes(text)) values[definition.key] = false;
        else errors[definition.key] = `${definition.label} must be yes or no`;
        break;
      }
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, values };
}

export const CustomFieldDefinitionInput = z
  .object({
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,62}$/, "Use lowercase letters, digits and _ (start with a letter)"),
    label: z.string().trim().min(1, "Enter a label").max(120),
    type: z.enum(customFieldTypes),
    required: z.boolean().default(false),
    options: z.array(z.string().trim().min(1)).max(100).default([]),
  })
  .refine((field) => field.type !== "select" || field.options.length > 0, {
    message: "A select field needs at least one option",
    path: ["options"],
  });
