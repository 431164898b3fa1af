import { normalizeName } from "../../reference/names/normalize";

/** The asset fields a CSV column can fill, with the headers each is recognised by. */
export const importFields = [
  { key: "tag", label: "Asset tag", headers: ["asset tag", "tag", "asset id", "asset number", "asset no"] },
  { key: "name", label: "Name", headers: ["name", "asset name", "item", "item name", "description"] },
  {
    key: "serial",
    label: "Serial number",
    headers: ["serial number", "serial", "serial no", "sn", "serial num"],
  },
  { key: "category", label: "Category", headers: ["category", "asset type", "type", "category name"] },
  { key: "model", label: "Model", headers: ["model", "model name"] },
  { key: "status", label: "Status", headers: ["status", "state", "status label"] },
  { key: "location", label: "Location", headers: ["location", "site", "room", "location name"] },
  {
    key: "employee",
    label: "Assigned to (work email or employee number)",
    headers: [
      "assigned to",
      "employee email",
      "employee",
      "employee number",
      "assignee",
      "email",
      "work email",
      "checked out to",
      "user",
    ],
  },
  {
    key: "purchaseDate",
    label: "Purchase date",
    headers: ["purchase date", "purchased", "purchased on", "date purchased"],
  },
  { key: "cost", label: "Cost", headers: ["cost", "purchase cost", "price", "purchase price"] },
  { key: "vendor", label: "Vendor", headers: ["vendor", "supplier"] },
  { key: "orderNumber", label: "Order number", headers: ["order number", "po number", "po", "order no"] },
  {
    key: "warrantyEnd",
    label: "Warranty end",
    headers: ["warranty end", "warranty", "warranty expires", "warranty expiry", "warranty end date"],
  },
  { key: "endOfLife", label: "End of life", headers: ["end of life", "eol", "end of life date"] },
  { key: "notes", label: "Notes", headers: ["notes", "note", "comments", "comment"] },
] as const;

export type ImportFieldKey = (typeof importFields)[number]["key"];
/** A column maps to an asset field, to a custom field (`custom:<key>`), or to nothing. */
export type ImportTarget = ImportFieldKey | `custom:${string}`;

export const fieldKeys = new Set<string>(importFields.map((field) => field.key));

export const isImportTarget = (value: string): value is ImportTarget =>
  fieldKeys.has(value) || /^custom:[a-z][a-z0-9_]{0,62}$/.test(value);

export type CustomFieldLabel = { key: string; label: string };

const headerKey = (header: string) => normalizeName(header.replace(/_/g, " "));

/**
 * A first guess at what each column holds, from its header ("Serial Number", "serial_no",
 * "Employee email", a custom field's label or key). Each field is given to one column at most;
 * the user reviews and changes the guess before the dry run.
 */
export function guessMapping(
  headers: readonly string[],
  customFields: readonly CustomFieldLabel[],
): Array<ImportTarget | null> {
  const byHeader = new Map<string, ImportTarget>();
  for (const field of importFields) {
    for (const header of field.headers) {
      const key = headerKey(header);
      if (!byHeader.has(key)) byHeader.set(key, field.key);
    }
  }
  for (const field of customFields) {
    for (const text of [field.label, field.key]) {
      const key = headerKey(text);
      if (!byHeader.has(key)) byHeader.set(key, `custom:${field.key}`);
    }
  }
  const used = new Set<ImportTarget>();
  return headers.map((header) => {
    const target = byHeader.get(headerKey(header));
    if (!target || used.has(target)) return null;
    used.add(target);
    return target;
  });
}

/** A mapping's problems, before any row is read: a field used twice, or no category. */
export function mappingProblems(mapping: readonly (ImportTarget | null)[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const target of mapping) {
    if (!target) continue;
    if (seen.has(target)) problems.push(`${labelOf(target)} is mapped to more than one column.`);
    seen.add(target);
  }
  if (!seen.has("category")) problems.push("Map a column to Category: every asset needs one.");
  if (!seen.has("name") && !seen.has("model"))
    problems.push("Map a column to Name (or Model, which then names the asset).");
  return problems;
}

export function labelOf(target: ImportTarget): string {
  if (target.startsWith("custom:")) return target.slice("custom:".length);
  return importFields.find((field) => field.key === target)?.label ?? target;
}
