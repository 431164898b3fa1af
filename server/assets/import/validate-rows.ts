import type { CustomFieldDefinition } from "../../reference/catalog/custom-fields";
import { validateCustomFields } from "../../reference/catalog/custom-fields";
import { locationValueKey } from "../../reference/locations/location-names";
import { normalizeName } from "../../reference/names/normalize";
import { datePairProblems } from "../../schemas/date-pairs";
import type { StatusKind } from "../lifecycle";
import { assetDatePairs } from "../schemas";
import { type ImportTarget, labelOf } from "./fields";
import type { CsvRecord } from "./parse-csv";
import type { ImportProblem } from "./problems";
import { parseAmount, parseDay } from "./values";

type Named = { id: string; name: string; archived: boolean };
export type ImportLookups = {
  /** by normalizeName(name) */
  categories: Map<string, Named>;
  /** by lower(label), and by kind for the default of each kind */
  statuses: Map<string, Named & { kind: StatusKind }>;
  defaultStatus: Partial<Record<StatusKind, Named & { kind: StatusKind }>>;
  /** by locationLookupKeys (name, code, paths); a name can belong to several locations, a path to one */
  locations: Map<string, Named[]>;
  /** by lower(name) */
  models: Map<string, Array<Named & { categoryId: string | null }>>;
  /** by lower(work email) and by employee number */
  employees: Map<string, { id: string; name: string; terminated: boolean }>;
  customFields: Map<string, CustomFieldDefinition[]>;
  /** Tags and serials already in use (lower case) -> the tag of the asset holding them. */
  existingTags: Set<string>;
  existingSerials: Map<string, string>;
};

export type ProblemCode =
  | "parse"
  | "missing"
  | "too_long"
  | "unknown_reference"
  | "ambiguous_reference"
  | "archived_reference"
  | "bad_date"
  | "bad_number"
  | "duplicate_in_file"
  | "duplicate_existing"
  | "unknown_employee"
  | "assignment_mismatch"
  | "custom_field"
  | "taken_during_import";

export type RowProblem = ImportProblem & { code: ProblemCode };

export type ImportRow = {
  line: number;
  tag: string | null;
  name: string;
  serial: string | null;
  categoryId: string;
  modelId: string | null;
  status: { id: string; label: string; kind: StatusKind };
  locationId: string | null;
  employeeId: string | null;
  purchaseDate: string | null;
  cost: string | null;
  vendor: string | null;
  orderNumber: string | null;
  warrantyEnd: string | null;
  endOfLife: string | null;
  notes: string | null;
  customFields: Record<string, unknown>;
};

export type ValidationResult = { rows: ImportRow[]; problems: RowProblem[] };

const limits = { tag: 64, name: 200, serial: 128, vendor: 200, orderNumber: 100, notes: 5000 } as const;
const dateFields = ["purchaseDate", "warrantyEnd", "endOfLife"] as const;

/** One record's verdict: the row ready to insert, or its problems. */
export type RecordVerdict = { row: ImportRow | null; problems: RowProblem[] };

/**
 * Validates every record of an import against the tenant's reference data, without writing: each
 * row either becomes an ImportRow ready to insert or gets its problems, named by file line and
 * column. The first row holding a tag or serial keeps it; later ones in the file are duplicates.
 */
export function validateRows(
  headers: readonly string[],
  mapping: readonly (ImportTarget | null)[],
  records: readonly CsvRecord[],
  lookups: ImportLookups,
): ValidationResult {
  const validate = rowValidator(headers, mapping, lookups);
  const rows: ImportRow[] = [];
  const problems: RowProblem[] = [];
  for (const record of records) {
    const verdict = validate(record);
    if (verdict.row) rows.push(verdict.row);
    else problems.push(...verdict.problems);
  }
  return { rows, problems };
}

/**
 * The validation of validateRows one record at a time, in file order (a tag or serial seen on an
 * earlier record makes a later one a duplicate), so a caller can pause between records.
 */
export function rowValidator(
  headers: readonly string[],
  mapping: readonly (ImportTarget | null)[],
  lookups: ImportLookups,
): (record: CsvRecord) => RecordVerdict {
  const columnOf = new Map<ImportTarget, number>();
  mapping.forEach((target, index) => {
    if (target && !columnOf.has(target)) columnOf.set(target, index);
  });
  const customColumns = [...columnOf].filter(([target]) => target.startsWith("custom:"));
  const seenTags = new Map<string, number>();
  const seenSerials = new Map<string, number>();

  return (record) => {
    const found: RowProblem[] = [];
    const cell = (target: ImportTarget) => {
      const index = columnOf.get(target);
      const value = index === undefined ? "" : (record.values[index] ?? "").trim();
      return value === "" ? null : value;
    };
    const report = (target: ImportTarget, code: ProblemCode, message: string) => {
      const index = columnOf.get(target);
      found.push({
        line: record.line,
        column: index === undefined ? labelOf(target) : (headers[index] ?? labelOf(target)),
        value: cell(target),
        code,
        message,
      });
    };
    const text = (target: keyof typeof limits) => {
      const value = cell(target);
      if (value !== null && value.length > limits[target])
        report(target, "too_long", `${labelOf(target)} is longer than ${limits[target]} characters.`);
      return value;
    };
    const pickOne = <T extends Named>(target: ImportTarget, noun: string, matches: T[] | undefined) => {
      const value = cell(target);
      if (value === null) return null;
      if (!matches?.length) {
        report(target, "unknown_reference", `No ${noun} named "${value}".`);
        return null;
      }
      if (matches.length > 1) {
        report(
          target,
          "ambiguous_reference",
          noun === "location"
            ? `"${value}" matches ${matches.length} locations; write its path, like "Site › Building › ${value}", or its code.`
            : `"${value}" matches ${matches.length} ${noun}s; use a unique name or code.`,
        );
        return null;
      }
      const [match] = matches as [T];
      if (match.archived) {
        report(target, "archived_reference", `The ${noun} ${match.name} is archived.`);
        return null;
      }
      return match;
    };

    const tag = text("tag");
    const serial = text("serial");
    const vendor = text("vendor");
    const orderNumber = text("orderNumber");
    const notes = text("notes");
    const model = pickOne("model", "model", lookups.models.get(cell("model")?.toLowerCase() ?? ""));
    const categoryCell = cell("category");
    const category =
      categoryCell === null
        ? null
        : pickOne(
            "category",
            "category",
            [lookups.categories.get(normalizeName(categoryCell))].filter((c) => c !== undefined),
          );
    const categoryId = category?.id ?? (categoryCell === null ? (model?.categoryId ?? null) : null);
    if (categoryCell === null && !categoryId) report("category", "missing", "Category is missing.");
    const name = text("name") ?? model?.name ?? null;
    if (name === null) report("name", "missing", "Name is missing (and no model to name the asset after).");
    const location = pickOne(
      "location",
      "location",
      lookups.locations.get(locationValueKey(cell("location") ?? "")),
    );

    const dates: Partial<Record<(typeof dateFields)[number], string>> = {};
    for (const field of dateFields) {
      const value = cell(field);
      if (value === null) continue;
      const day = parseDay(value);
      if (day) dates[field] = day;
      else
        report(field, "bad_date", `${labelOf(field)} "${value}" is not a date; use a date like 2026-01-31.`);
    }
    for (const problem of datePairProblems(dates, assetDatePairs))
      report(problem.field, "bad_date", problem.message);
    const costCell = cell("cost");
    const cost = costCell === null ? null : parseAmount(costCell);
    if (costCell !== null && cost === null)
      report("cost", "bad_number", `Cost "${costCell}" is not an amount; use a number like 1299.00.`);

    const employeeCell = cell("employee");
    const employee =
      employeeCell === null ? null : (lookups.employees.get(employeeCell.toLowerCase()) ?? null);
    if (employeeCell !== null && !employee)
      report(
        "employee",
        "unknown_employee",
        `No employee with the work email or employee number "${employeeCell}".`,
      );
    else if (employee?.terminated)
      report(
        "employee",
        "unknown_employee",
        `${employee.name} has left the organization; assets cannot be assigned to them.`,
      );

    const statusCell = cell("status");
    let status = statusCell === null ? null : (lookups.statuses.get(statusCell.toLowerCase()) ?? null);
    if (statusCell !== null && !status)
      report("status", "unknown_reference", `No status named "${statusCell}".`);
    else if (status?.archived)
      report("status", "archived_reference", `The status ${status.name} is archived.`);
    if (statusCell === null) {
      const kind: StatusKind = employeeCell !== null ? "assigned" : "in_stock";
      status = lookups.defaultStatus[kind] ?? null;
      if (!status)
        report("status", "missing", `There is no "${kind}" status; add one in Settings → Statuses.`);
    } else if (status && employeeCell !== null && status.kind !== "assigned") {
      report(
        "status",
        "assignment_mismatch",
        `The row assigns the asset to ${employeeCell}, but ${status.name} is not an assigned status; leave Status empty or use an assigned one.`,
      );
    } else if (status?.kind === "assigned" && employeeCell === null) {
      report(
        "status",
        "assignment_mismatch",
        `${status.name} is an assigned status; say who has the asset in Assigned to.`,
      );
    }

    if (tag !== null) {
      const key = tag.toLowerCase();
      const first = seenTags.get(key);
      if (first !== undefined)
        report("tag", "duplicate_in_file", `Tag ${tag} is already used on line ${first} of this file.`);
      else if (lookups.existingTags.has(key))
        report("tag", "duplicate_existing", `Tag ${tag} is already used by an existing asset.`);
      else seenTags.set(key, record.line);
    }
    if (serial !== null) {
      const key = serial.toLowerCase();
      const first = seenSerials.get(key);
      const holder = lookups.existingSerials.get(key);
      if (first !== undefined)
        report(
          "serial",
          "duplicate_in_file",
          `Serial ${serial} is already used on line ${first} of this file.`,
        );
      else if (holder !== undefined)
        report("serial", "duplicate_existing", `Serial ${serial} already belongs to ${holder}.`);
      else seenSerials.set(key, record.line);
    }

    let customFields: Record<string, unknown> = {};
    if (categoryId) {
      const definitions = lookups.customFields.get(categoryId) ?? [];
      const known = new Set(definitions.map((definition) => definition.key));
      const input: Record<string, unknown> = {};
      for (const [target] of customColumns) {
        const key = target.slice("custom:".length);
        const value = cell(target);
        if (known.has(key)) input[key] = value;
        else if (value !== null)
          report(target, "custom_field", `"${key}" is not a field of this row's category.`);
      }
      const result = validateCustomFields(definitions, input);
      if (result.ok) customFields = result.values;
      else
        for (const [key, message] of Object.entries(result.errors))
          report(columnOf.has(`custom:${key}`) ? `custom:${key}` : "category", "custom_field", `${message}.`);
    }

    if (found.length > 0 || !categoryId || name === null || !status) return { row: null, problems: found };
    const row: ImportRow = {
      line: record.line,
      tag,
      name,
      serial,
      categoryId,
      modelId: model?.id ?? null,
      status: { id: status.id, label: status.name, kind: status.kind },
      locationId: location?.id ?? null,
      employeeId: employee?.id ?? null,
      purchaseDate: dates.purchaseDate ?? null,
      cost,
      vendor,
      orderNumber,
      warrantyEnd: dates.warrantyEnd ?? null,
      endOfLife: dates.endOfLife ?? null,
      notes,
      customFields,
    };
    return { row, problems: [] };
  };
}
