import type { HrisPerson, PulledRecord } from "./adapter";
import { text, toDay } from "./http";

/**
 * Turns one provider record, already mapped to our field names, into a PulledRecord: a person, or
 * `{ ok: false }` with the reason when it lacks what an employee needs (an id, a name) or carries
 * a date we cannot read. A bad record is skipped and reported; it never fails the page.
 */

export type RawPerson = {
  externalId: unknown;
  employeeNumber?: unknown;
  firstName: unknown;
  lastName: unknown;
  workEmail?: unknown;
  personalEmail?: unknown;
  phone?: unknown;
  title?: unknown;
  department?: unknown;
  organization?: unknown;
  location?: unknown;
  managerExternalId?: unknown;
  hireDate?: unknown;
  terminationDate?: unknown;
  status: HrisPerson["status"];
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function toRecord(label: string, raw: RawPerson): PulledRecord {
  const externalId = text(raw.externalId);
  if (externalId === null)
    return { ok: false, externalId: null, reason: `${label} sent a person without an id.` };
  const fail = (reason: string): PulledRecord => ({ ok: false, externalId, reason });

  const firstName = text(raw.firstName);
  const lastName = text(raw.lastName);
  if (firstName === null && lastName === null) return fail("No first or last name.");
  if (firstName === null) return fail("No first name.");
  if (lastName === null) return fail("No last name.");

  const dates: Record<"hireDate" | "terminationDate", string | null> = {
    hireDate: null,
    terminationDate: null,
  };
  for (const field of ["hireDate", "terminationDate"] as const) {
    const day = toDay(raw[field]);
    if (day === undefined) return fail(`${field} "${String(raw[field])}" is not a date (yyyy-mm-dd).`);
    dates[field] = day;
  }

  const emails: Record<"workEmail" | "personalEmail", string | null> = {
    workEmail: null,
    personalEmail: null,
  };
  for (const field of ["workEmail", "personalEmail"] as const) {
    const value = text(raw[field]);
    if (value !== null && !EMAIL.test(value)) return fail(`${field} "${value}" is not an email address.`);
    emails[field] = value?.toLowerCase() ?? null;
  }

  return {
    ok: true,
    person: {
      externalId,
      employeeNumber: text(raw.employeeNumber),
      firstName,
      lastName,
      workEmail: emails.workEmail,
      personalEmail: emails.personalEmail,
      phone: text(raw.phone),
      title: text(raw.title),
      department: text(raw.department),
      organization: text(raw.organization),
      location: text(raw.location),
      managerExternalId: text(raw.managerExternalId),
      hireDate: dates.hireDate,
      terminationDate: dates.terminationDate,
      status: raw.status,
    },
  };
}

/** Whether a record (unknown JSON) is a plain object we can read fields from. */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
