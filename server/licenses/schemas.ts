import { z } from "zod";
import { type DatePair, refineDatePairs } from "../schemas/date-pairs";
import { day, id, int, money, NAME_MAX, name, optionalText, searchText, text } from "../schemas/primitives";

/** How long a licence's notes and a revocation's reason may be (the forms count toward each). */
export const LICENSE_NOTES_LIMIT = 2000;
export const REVOKE_REASON_LIMIT = 1000;
/** The most seats one licence may have (the column's check). */
export const SEATS_MAX = 1_000_000;
/** Expiry warnings: this many days before a licence expires, each sent once per expiry date. */
export const EXPIRY_THRESHOLDS = [30, 7] as const;

const optionalDay = day().nullable().optional();

export const licenseDatePairs: ReadonlyArray<DatePair<"purchasedOn" | "expiresOn">> = [
  {
    earlier: { field: "purchasedOn", label: "Purchased on" },
    later: { field: "expiresOn", label: "Expires on" },
  },
];

const LicenseFields = z.object({
  name: name({ max: NAME_MAX }),
  vendor: optionalText(NAME_MAX),
  /** Null: unlimited seats. */
  seats: int({ min: 1, max: SEATS_MAX }).nullable().optional(),
  costPerSeat: money({ precision: 14, scale: 2 }),
  purchasedOn: optionalDay,
  expiresOn: optionalDay,
  notes: optionalText(LICENSE_NOTES_LIMIT, { multiline: true }),
});

export const CreateLicenseInput = LicenseFields.superRefine(refineDatePairs(licenseDatePairs));
export type CreateLicenseInput = z.input<typeof CreateLicenseInput>;

export const UpdateLicenseInput = LicenseFields.partial()
  .extend({ licenseId: id() })
  .superRefine(refineDatePairs(licenseDatePairs));
export type UpdateLicenseInput = z.input<typeof UpdateLicenseInput>;

export const LicenseIdInput = z.object({ licenseId: id() });
export type LicenseIdInput = z.infer<typeof LicenseIdInput>;

export const AssignLicenseInput = z.object({
  licenseId: id(),
  employeeId: id("Choose who receives a seat"),
});
export type AssignLicenseInput = z.infer<typeof AssignLicenseInput>;

const reason = text({ max: REVOKE_REASON_LIMIT, multiline: true, minMessage: "Say why the seat is revoked" });

export const RevokeLicenseInput = z.object({ licenseId: id(), employeeId: id(), reason });
export type RevokeLicenseInput = z.infer<typeof RevokeLicenseInput>;

export const RevokeEmployeeLicensesInput = z.object({ employeeId: id(), reason });
export type RevokeEmployeeLicensesInput = z.infer<typeof RevokeEmployeeLicensesInput>;

export const EmployeeIdInput = z.object({ employeeId: id() });

export const ListLicensesInput = z.object({
  q: searchText(NAME_MAX).optional(),
  includeArchived: z.boolean().default(false),
  limit: int({ min: 1, max: 200 }).default(100),
  offset: int({ max: 1_000_000 }).default(0),
});
export type ListLicensesInput = z.input<typeof ListLicensesInput>;

/** How close a licence is to its expiry: "expired", "soon" (within 30 days) or null. */
export const expiryStates = ["expired", "soon"] as const;

export const LicenseListItem = z.object({
  id: z.string(),
  name: z.string(),
  vendor: z.string().nullable(),
  seats: z.number().nullable(),
  seatsUsed: z.number(),
  /** Null: unlimited. */
  seatsFree: z.number().nullable(),
  costPerSeat: z.number().nullable(),
  expiresOn: z.string().nullable(),
  /** Days from today to the expiry (negative: expired), null without an expiry date. */
  daysLeft: z.number().nullable(),
  expiry: z.enum(expiryStates).nullable(),
  archived: z.boolean(),
});
export type LicenseListItem = z.infer<typeof LicenseListItem>;

export const LicenseList = z.object({
  items: z.array(LicenseListItem),
  total: z.number(),
  currency: z.string(),
});
export type LicenseList = z.infer<typeof LicenseList>;

const person = z.object({ id: z.string(), name: z.string() });

export const LicenseHolder = z.object({
  assignmentId: z.string(),
  employee: person.extend({ terminated: z.boolean() }),
  assignedAt: z.date(),
  assignedBy: z.string().nullable(),
  revokedAt: z.date().nullable(),
  revokedBy: z.string().nullable(),
  reason: z.string().nullable(),
});
export type LicenseHolder = z.infer<typeof LicenseHolder>;

export const LicenseDetail = LicenseListItem.extend({
  purchasedOn: z.string().nullable(),
  notes: z.string(),
  currency: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
  active: z.array(LicenseHolder),
  past: z.array(LicenseHolder),
});
export type LicenseDetail = z.infer<typeof LicenseDetail>;

export const EmployeeLicense = z.object({
  assignmentId: z.string(),
  license: z.object({ id: z.string(), name: z.string(), vendor: z.string().nullable() }),
  assignedAt: z.date(),
  expiresOn: z.string().nullable(),
});
export type EmployeeLicense = z.infer<typeof EmployeeLicense>;

export const LicenseChangeResult = z.object({ id: z.string(), name: z.string() });
export const RevokeManyResult = z.object({ revoked: z.number() });
