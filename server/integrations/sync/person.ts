import { z } from "zod";
import { EmployeeFields } from "../../employees/schemas";
import {
  day,
  hasBrokenCharacters,
  hasControlCharacters,
  NAME_MAX,
  safeString,
} from "../../schemas/primitives";
import type { HrisPerson } from "../hris/adapter";

/**
 * The employee fields a provider owns (employees.owned_fields), in the names update events use.
 * A local edit to one of them is an override (employees.overridden_fields): kept or overwritten by
 * the next sync, per the integration's field policy.
 */
export const providerOwnedFields = [
  "firstName",
  "lastName",
  "workEmail",
  "employeeNumber",
  "title",
  "departmentId",
  "locationId",
  "managerId",
  "hireDate",
  "personalEmail",
  "phone",
] as const;
export type OwnedField = (typeof providerOwnedFields)[number];
export const plainOwnedFields = providerOwnedFields.filter(
  (field) => field !== "personalEmail" && field !== "phone",
) as Exclude<OwnedField, "personalEmail" | "phone">[];

const referenceName = safeString().trim().max(NAME_MAX, `Use at most ${NAME_MAX} characters`).nullable();
/** The provider's own ids: text like any other, so a NUL in one skips the record, not the sync. */
const providerId = safeString().trim().max(200);

/** A provider's person checked as manual entry checks an employee (the same limits and formats). */
const SyncedPerson = EmployeeFields.pick({
  firstName: true,
  lastName: true,
  workEmail: true,
  employeeNumber: true,
  title: true,
  hireDate: true,
  personalEmail: true,
  phone: true,
}).extend({
  externalId: providerId.min(1),
  department: referenceName,
  organization: referenceName,
  location: referenceName,
  managerExternalId: providerId.nullable(),
  terminationDate: day().nullable(),
  status: z.enum(["active", "pending", "terminated"]),
});
export type SyncedPerson = z.output<typeof SyncedPerson>;

const fieldLabels: Record<string, string> = {
  firstName: "First name",
  lastName: "Last name",
  workEmail: "Work email",
  employeeNumber: "Employee number",
  title: "Title",
  hireDate: "Hire date",
  terminationDate: "Termination date",
  personalEmail: "Personal email",
  phone: "Phone",
  department: "Department",
  organization: "Organization",
  location: "Location",
  externalId: "Id",
  managerExternalId: "Manager id",
};

/**
 * A provider's id as a skipped record's report stores it: one with characters the database refuses
 * (NUL, half a surrogate pair) is reported without an id rather than failing the page's write.
 */
export function reportableExternalId(externalId: string | null): string | null {
  if (!externalId || hasControlCharacters(externalId) || hasBrokenCharacters(externalId)) return null;
  return externalId.slice(0, 200);
}

/** The person ready to write, or why the record is skipped ("Work email: Enter a valid email address"). */
export function checkPerson(
  person: HrisPerson,
): { ok: true; person: SyncedPerson } | { ok: false; reason: string } {
  const parsed = SyncedPerson.safeParse(person);
  if (parsed.success) {
    const value = parsed.data;
    if (value.hireDate && value.terminationDate && value.terminationDate < value.hireDate)
      return { ok: false, reason: "Termination date: before the hire date." };
    return { ok: true, person: value };
  }
  const reasons = parsed.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? "");
    return `${fieldLabels[field] ?? field}: ${issue.message}`;
  });
  return { ok: false, reason: [...new Set(reasons)].join(" ") };
}
