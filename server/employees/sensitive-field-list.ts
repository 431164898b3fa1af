import type { Employees } from "@/db/types";

// No encryption here: client components read these names and labels (and so the form limits of
// server/employees/schemas.ts) without pulling node:crypto into the browser bundle.

/**
 * The personal fields of an employee sealed at rest, each with its column and, for the two looked
 * up by exact match, its blind-index column and the normalization both sides of a lookup share.
 */
export const sensitiveFields = {
  personalEmail: {
    label: "Personal email",
    column: "personal_email_sealed",
    index: { column: "personal_email_index", normalize: (value: string) => value.trim().toLowerCase() },
  },
  phone: { label: "Phone", column: "phone_sealed", index: null },
  homeAddress: { label: "Home address", column: "home_address_sealed", index: null },
  dateOfBirth: { label: "Date of birth", column: "date_of_birth_sealed", index: null },
  nationalId: {
    label: "National id",
    column: "national_id_sealed",
    index: {
      column: "national_id_index",
      normalize: (value: string) => value.replace(/[\s.-]/g, "").toUpperCase(),
    },
  },
} as const satisfies Record<
  string,
  {
    label: string;
    column: keyof Employees;
    index: { column: keyof Employees; normalize: (value: string) => string } | null;
  }
>;

export type SensitiveField = keyof typeof sensitiveFields;
export const sensitiveFieldNames = Object.keys(sensitiveFields) as SensitiveField[];
export type SensitiveValues = Record<SensitiveField, string | null>;
export type IndexedField = "personalEmail" | "nationalId";

/** The sealed columns of a row, as read for opening or re-sealing. */
export type SealedColumns = Pick<
  Employees,
  | "personal_email_sealed"
  | "phone_sealed"
  | "home_address_sealed"
  | "date_of_birth_sealed"
  | "national_id_sealed"
  | "personal_email_index"
  | "national_id_index"
  | "data_key_id"
>;
export const sealedColumnNames = [
  "personal_email_sealed",
  "phone_sealed",
  "home_address_sealed",
  "date_of_birth_sealed",
  "national_id_sealed",
] as const;
