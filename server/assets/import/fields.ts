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
 * A first guess at what each column holds, from its header, for any kind of import: `known` lists
 * the header texts each target is recognised by (the first to claim a text keeps it). Headers
 * match whatever their case, spacing, underscores or abbreviations ("Dept" is "Department"). Each
 * target is given to one column at most; the user reviews the guess before the dry run.
 */
export function guessColumns<T extends string>(
  headers: readonly string[],
  known: Iterable<readonly [header: string, target: T]>,
): Array<T | null> {
  const byHeader = new Map<string, T>();
  for (const [header, target] of known) {
    const key = headerKey(header);
    if (!byHeader.has(key)) byHeader.set(key, target);
  }
  const used = new Set<T>();
  return headers.map((header) => {
    const target = byHeader.get(headerKey(header));
    if (!target || used.has(target)) return null;
    used.add(target);
    return target;
  });
}

/** "<field> is mapped to more than one column." for each field a mapping uses twice. */
export function repeatedTargets<T extends string>(
  mapping: readonly (T | null)[],
  label: (target: T) => string,
): string[] {
  const problems: string[] = [];
  const seen = new Set<T>();
  for (const target of mapping) {
    if (!target) continue;
    if (seen.has(target)) problems.push(`${label(target)} is mapped to more than one column.`);
    seen.add(target);
  }
  return problems;
}

/**
 * The asset import's guess ("Serial Number", "serial_no", "Employee email", a custom field's label
 * or key).
 */
export function guessMapping(
  headers: readonly string[],
  customFields: readonly CustomFieldLabel[],
): Array<ImportTarget | null> {
  return guessColumns<ImportTarget>(headers, [
    ...importFields.flatMap((field) => field.headers.map((header) => [header, field.key] as const)),
    ...customFields.flatMap((field) =>
      [field.label, field.key].map((text) => [text, `custom:${field.key}`] as const),
    ),
  ]);
}

/** A mapping's problems, before any row is read: a field used twice, or no category. */
export function mappingProblems(mapping: readonly (ImportTarget | null)[]): string[] {
  const problems = repeatedTargets(mapping, labelOf);
  const used = new Set(mapping);
  if (!used.has("category")) problems.push("Map a column to Category: every asset needs one.");
  if (!used.has("name") && !used.has("model"))
    problems.push("Map a column to Name (or Model, which then names the asset).");
  return problems;
}

export function labelOf(target: ImportTarget): string {
  if (target.startsWith("custom:")) return target.slice("custom:".length);
  return importFields.find((field) => field.key === target)?.label ?? target;
}
