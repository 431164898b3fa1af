import type { CsvRecord } from "@/server/assets/import/parse-csv";
import type { ImportProblem } from "@/server/assets/import/problems";
import { parseDay } from "@/server/assets/import/values";
import { locationValueKey } from "@/server/reference/locations/location-names";
import { normalizeName } from "@/server/reference/names/normalize";
import { EmployeeFields, type EmployeeStatus, employmentTypes } from "../schemas";
import { type EmployeeImportTarget, employeeFieldLabel } from "./fields";

type Named = { id: string; name: string; archived: boolean };

/** Someone already in the tenant, as the import matches and links people. */
export type KnownEmployee = {
  id: string;
  name: string;
  workEmail: string | null;
  employeeNumber: string | null;
  managerId: string | null;
  status: string;
};

export type EmployeeImportLookups = {
  /** by normalizeName of each department's name and recorded aliases ("IT Dept" is "IT Department") */
  departments: Map<string, Named>;
  /** by locationLookupKeys (name, code, paths); a name can belong to several locations */
  locations: Map<string, Named[]>;
  /** The tenant's people by lower(work email), by lower(employee number) and by id. */
  byEmail: Map<string, KnownEmployee>;
  byNumber: Map<string, KnownEmployee>;
  byId: Map<string, KnownEmployee>;
};

export type EmployeeProblemCode =
  | "parse"
  | "missing"
  | "invalid"
  | "unknown_reference"
  | "ambiguous_reference"
  | "archived_reference"
  | "bad_date"
  | "duplicate_in_file"
  | "duplicate_existing"
  | "status_change"
  | "unknown_manager"
  | "manager_cycle"
  | "refused";

export type EmployeeRowProblem = ImportProblem & { code: EmployeeProblemCode };

/** What the file sets on one person: only its non-empty cells (an empty cell leaves a field as it is). */
export type EmployeeImportFields = {
  firstName?: string;
  lastName?: string;
  employeeNumber?: string;
  title?: string;
  departmentId?: string;
  locationId?: string;
  employmentType?: (typeof employmentTypes)[number];
  hireDate?: string;
  personalEmail?: string;
  phone?: string;
  homeAddress?: string;
  dateOfBirth?: string;
  nationalId?: string;
};

export type EmployeeImportRow = {
  line: number;
  workEmail: string;
  /** The person the work email matched when the rows were checked; null for someone new. */
  existingId: string | null;
  fields: EmployeeImportFields;
  /** The manager cell as written (a work email or an employee number), found when the row is written. */
  manager: string | null;
};

export type EmployeeVerdict = { row: EmployeeImportRow | null; problems: EmployeeRowProblem[] };

const statusWords: Record<string, EmployeeStatus> = {
  active: "active",
  current: "active",
  "on leave": "on_leave",
  on_leave: "on_leave",
  leave: "on_leave",
  terminated: "terminated",
  inactive: "terminated",
  left: "terminated",
};
const statusLabel: Record<EmployeeStatus, string> = {
  active: "active",
  on_leave: "on leave",
  terminated: "terminated",
};

/** "Full time", "full-time", "FULL_TIME" -> "full_time"; null when it is none of employmentTypes. */
export function parseEmploymentType(text: string): (typeof employmentTypes)[number] | null {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  return (employmentTypes as readonly string[]).includes(key)
    ? (key as (typeof employmentTypes)[number])
    : null;
}

/** "Ana Ruiz" -> Ana / Ruiz; "Ruiz, Ana" -> Ana / Ruiz; "Ana María de la Cruz" -> Ana / María de la Cruz. */
export function splitName(text: string): { firstName: string; lastName: string } | null {
  const comma = text.indexOf(",");
  if (comma !== -1) {
    const [last, first] = [text.slice(0, comma).trim(), text.slice(comma + 1).trim()];
    return first && last ? { firstName: first, lastName: last } : null;
  }
  const words = text.trim().split(/\s+/);
  if (words.length < 2) return null;
  return { firstName: words[0] as string, lastName: words.slice(1).join(" ") };
}

/** The form fields the zod schema names, by the column that fills them. */
const fieldTarget: Record<string, EmployeeImportTarget> = {
  firstName: "firstName",
  lastName: "lastName",
  workEmail: "workEmail",
  employeeNumber: "employeeNumber",
  title: "title",
  hireDate: "hireDate",
  personalEmail: "personalEmail",
  phone: "phone",
  homeAddress: "homeAddress",
  dateOfBirth: "dateOfBirth",
  nationalId: "nationalId",
};

/**
 * Checks one record at a time, in file order (a work email or employee number seen on an earlier
 * line makes a later one a duplicate), against the tenant's people and reference data. Values go
 * through the same schema as the create and edit dialogs, so a row passes here exactly when the
 * form would take it. Managers are checked afterwards, once every row is known (resolveManagers).
 */
export function employeeRowValidator(
  headers: readonly string[],
  mapping: readonly (EmployeeImportTarget | null)[],
  lookups: EmployeeImportLookups,
): (record: CsvRecord) => EmployeeVerdict {
  const columnOf = new Map<EmployeeImportTarget, number>();
  mapping.forEach((target, index) => {
    if (target && !columnOf.has(target)) columnOf.set(target, index);
  });
  const seenEmails = new Map<string, number>();
  const seenNumbers = new Map<string, number>();

  return (record) => {
    const found: EmployeeRowProblem[] = [];
    const cell = (target: EmployeeImportTarget) => {
      const index = columnOf.get(target);
      const value = index === undefined ? "" : (record.values[index] ?? "").trim();
      return value === "" ? null : value;
    };
    const report = (target: EmployeeImportTarget, code: EmployeeProblemCode, message: string) => {
      const index = columnOf.get(target);
      found.push({
        line: record.line,
        column:
          index === undefined ? employeeFieldLabel(target) : (headers[index] ?? employeeFieldLabel(target)),
        value: cell(target),
        code,
        message,
      });
    };

    const emailCell = cell("workEmail");
    const existing = emailCell ? (lookups.byEmail.get(emailCell.toLowerCase()) ?? null) : null;
    if (emailCell === null)
      report("workEmail", "missing", "Work email is missing; each row is matched to a person by it.");

    const input: Record<string, string> = {};
    const nameCell = cell("name");
    if (nameCell !== null) {
      const split = splitName(nameCell);
      if (split) Object.assign(input, split);
      else report("name", "invalid", `Write the first and last name, like "Ana Ruiz" or "Ruiz, Ana".`);
    }
    for (const target of [
      "firstName",
      "lastName",
      "employeeNumber",
      "title",
      "personalEmail",
      "phone",
      "homeAddress",
      "nationalId",
    ] as const) {
      const value = cell(target);
      if (value !== null) input[target] = value;
    }
    for (const target of ["hireDate", "dateOfBirth"] as const) {
      const value = cell(target);
      if (value === null) continue;
      const day = parseDay(value);
      if (day) input[target] = day;
      else
        report(
          target,
          "bad_date",
          `${employeeFieldLabel(target)} "${value}" is not a date; use a date like 2026-01-31.`,
        );
    }
    if (!existing && nameCell === null && (!input.firstName || !input.lastName))
      report(
        columnOf.has("name") ? "name" : input.firstName ? "lastName" : "firstName",
        "missing",
        "A new employee needs a first and a last name.",
      );

    const parsed = EmployeeFields.partial().safeParse({ ...input, workEmail: emailCell ?? undefined });
    const fields: EmployeeImportFields = {};
    let workEmail = emailCell?.toLowerCase() ?? "";
    if (parsed.success) {
      const data = parsed.data;
      workEmail = data.workEmail ?? workEmail;
      for (const key of Object.keys(input) as Array<keyof EmployeeImportFields>) {
        const value = data[key as keyof typeof data];
        if (typeof value === "string") (fields as Record<string, string>)[key] = value;
      }
    } else {
      for (const issue of parsed.error.issues) {
        const target = fieldTarget[String(issue.path[0])] ?? "workEmail";
        // a first or last name split from the Name column is that column's problem
        const fromName = (target === "firstName" || target === "lastName") && !columnOf.has(target);
        report(fromName ? "name" : target, "invalid", `${issue.message}.`);
      }
    }

    const departmentCell = cell("department");
    if (departmentCell !== null) {
      const department = lookups.departments.get(normalizeName(departmentCell));
      if (!department)
        report(
          "department",
          "unknown_reference",
          `No department named "${departmentCell}"; add it in Settings → Departments (or record this spelling as an alias of the right one).`,
        );
      else if (department.archived)
        report("department", "archived_reference", `The department ${department.name} is archived.`);
      else fields.departmentId = department.id;
    }
    const locationCell = cell("location");
    if (locationCell !== null) {
      const matches = lookups.locations.get(locationValueKey(locationCell)) ?? [];
      const [match] = matches;
      if (!match)
        report(
          "location",
          "unknown_reference",
          `No location named "${locationCell}"; add it in Settings → Locations.`,
        );
      else if (matches.length > 1)
        report(
          "location",
          "ambiguous_reference",
          `"${locationCell}" matches ${matches.length} locations; write its path, like "Site › Building › ${locationCell}", or its code.`,
        );
      else if (match.archived)
        report("location", "archived_reference", `The location ${match.name} is archived.`);
      else fields.locationId = match.id;
    }
    const typeCell = cell("employmentType");
    if (typeCell !== null) {
      const type = parseEmploymentType(typeCell);
      if (type) fields.employmentType = type;
      else
        report(
          "employmentType",
          "invalid",
          `Employment type "${typeCell}" is not one of: ${employmentTypes.map((t) => t.replace("_", " ")).join(", ")}.`,
        );
    }

    const statusCell = cell("status");
    if (statusCell !== null) {
      const status = statusWords[statusCell.toLowerCase()];
      if (!status)
        report("status", "invalid", `Status "${statusCell}" is not one of: active, on leave, terminated.`);
      else if (existing && existing.status !== status)
        report(
          "status",
          "status_change",
          `${existing.name} is ${statusLabel[existing.status as EmployeeStatus] ?? existing.status}; an import does not change status. Terminate or reactivate them from their page, or leave Status empty.`,
        );
      else if (!existing && status !== "active")
        report(
          "status",
          "status_change",
          `New employees are added as active; add ${emailCell ?? "them"} as active, then change their status from their page.`,
        );
    }

    if (emailCell !== null) {
      const key = emailCell.toLowerCase();
      const first = seenEmails.get(key);
      if (first !== undefined)
        report("workEmail", "duplicate_in_file", `${emailCell} is already on line ${first} of this file.`);
      else seenEmails.set(key, record.line);
    }
    const numberCell = cell("employeeNumber");
    if (numberCell !== null) {
      const key = numberCell.toLowerCase();
      const first = seenNumbers.get(key);
      const holder = lookups.byNumber.get(key);
      if (first !== undefined)
        report(
          "employeeNumber",
          "duplicate_in_file",
          `Employee number ${numberCell} is already on line ${first} of this file.`,
        );
      else if (holder && holder.id !== existing?.id)
        report(
          "employeeNumber",
          "duplicate_existing",
          `Employee number ${numberCell} already belongs to ${holder.name}${holder.workEmail ? ` (${holder.workEmail})` : ""}.`,
        );
      else seenNumbers.set(key, record.line);
    }

    if (found.length > 0 || emailCell === null) return { row: null, problems: found };
    return {
      row: {
        line: record.line,
        workEmail,
        existingId: existing?.id ?? null,
        fields,
        manager: cell("manager"),
      },
      problems: [],
    };
  };
}
