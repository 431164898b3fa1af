import { type ExpressionBuilder, sql } from "kysely";
import type { DB } from "@/db/types";
import type { Executor } from "../db";
import { AppError } from "../errors";
import { tenantCurrency } from "../tenants/queries";
import { EXPIRY_WINDOW_DAYS } from "./expiry";
import {
  type EmployeeLicense,
  EXPIRY_THRESHOLDS,
  type LicenseDetail,
  type LicenseHolder,
  type LicenseList,
  type LicenseListItem,
  ListLicensesInput,
} from "./schemas";
import { dueUnderuseNotice } from "./underuse";

/** Within this many days of its expiry a licence is flagged "soon" (the first warning's threshold). */
const SOON_DAYS = EXPIRY_WINDOW_DAYS;
/** The last warning's threshold (7 days). */
const SMALLEST_THRESHOLD = Math.min(...EXPIRY_THRESHOLDS);

type LicenseEb = ExpressionBuilder<DB, "licenses">;

/** Active seats of the licence in the row being selected (served by license_assignments_active_key). */
const seatsUsed = (eb: LicenseEb) =>
  eb
    .selectFrom("license_assignments as la")
    .select(sql<number>`count(*)::int`.as("n"))
    .whereRef("la.tenant_id", "=", "licenses.tenant_id")
    .whereRef("la.license_id", "=", "licenses.id")
    .where("la.revoked_at", "is", null);

const listColumns = (eb: LicenseEb) =>
  [
    "licenses.id",
    "licenses.name",
    "licenses.vendor",
    "licenses.seats",
    "licenses.cost_per_seat",
    "licenses.expires_on",
    "licenses.archived_at",
    seatsUsed(eb).as("seats_used"),
    // date - date is a whole number of days in PostgreSQL
    sql<number | null>`licenses.expires_on - current_date`.as("days_left"),
  ] as const;

type ListRow = {
  id: string;
  name: string;
  vendor: string | null;
  seats: number | null;
  cost_per_seat: string | null;
  expires_on: string | null;
  archived_at: Date | null;
  seats_used: number | null;
  days_left: number | null;
};

function toListItem(row: ListRow): LicenseListItem {
  const used = Number(row.seats_used ?? 0);
  const daysLeft = row.days_left === null ? null : Number(row.days_left);
  return {
    id: row.id,
    name: row.name,
    vendor: row.vendor,
    seats: row.seats,
    seatsUsed: used,
    seatsFree: row.seats === null ? null : Math.max(row.seats - used, 0),
    costPerSeat: row.cost_per_seat === null ? null : Number(row.cost_per_seat),
    expiresOn: row.expires_on,
    daysLeft,
    expiry: daysLeft === null ? null : daysLeft < 0 ? "expired" : daysLeft <= SOON_DAYS ? "soon" : null,
    archived: row.archived_at !== null,
  };
}

/** The licences page: by name, with seats used and free and how close each is to expiring. */
export async function listLicenses(
  db: Executor,
  tenantId: string,
  raw: ListLicensesInput,
): Promise<LicenseList> {
  const input = ListLicensesInput.parse(raw);
  const filtered = db
    .selectFrom("licenses")
    .where("licenses.tenant_id", "=", tenantId)
    .$if(!input.includeArchived, (q) => q.where("licenses.archived_at", "is", null))
    .$if(Boolean(input.q), (q) =>
      q.where((eb) =>
        eb.or([
          eb("licenses.name", "ilike", `%${escapeLike(input.q ?? "")}%`),
          eb("licenses.vendor", "ilike", `%${escapeLike(input.q ?? "")}%`),
        ]),
      ),
    );
  const rows = await filtered
    .select((eb) => listColumns(eb))
    .orderBy("licenses.name")
    .orderBy("licenses.id")
    .limit(input.limit)
    .offset(input.offset)
    .execute();
  const total = await filtered.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
  return {
    items: rows.map(toListItem),
    total: Number(total.n),
    currency: await tenantCurrency(db, tenantId),
  };
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (char) => `\\${char}`);

/** One licence with its holders now and before (newest first). */
export async function getLicense(db: Executor, tenantId: string, licenseId: string): Promise<LicenseDetail> {
  const row = await db
    .selectFrom("licenses")
    .select((eb) => [...listColumns(eb), "purchased_on", "notes", "created_at", "updated_at"])
    .where("licenses.tenant_id", "=", tenantId)
    .where("licenses.id", "=", licenseId)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "That licence does not exist in this organization.");
  const holders = await licenseHolders(db, tenantId, licenseId);
  return {
    ...toListItem(row),
    purchasedOn: row.purchased_on,
    notes: row.notes,
    currency: await tenantCurrency(db, tenantId),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    active: holders.filter((holder) => holder.revokedAt === null),
    past: holders.filter((holder) => holder.revokedAt !== null),
  };
}

/** Assignments of a licence, newest first; the past ones capped (a licence's page, not an export). */
async function licenseHolders(db: Executor, tenantId: string, licenseId: string): Promise<LicenseHolder[]> {
  const rows = await db
    .selectFrom("license_assignments as la")
    .innerJoin("employees as e", "e.id", "la.employee_id")
    .leftJoin("users as assigner", "assigner.id", "la.assigned_by")
    .leftJoin("users as revoker", "revoker.id", "la.revoked_by")
    .select([
      "la.id",
      "e.id as employee_id",
      "e.display_name",
      "e.status",
      "la.assigned_at",
      "assigner.name as assigned_by",
      "la.revoked_at",
      "revoker.name as revoked_by",
      "la.revoke_reason",
    ])
    .where("la.tenant_id", "=", tenantId)
    .where("la.license_id", "=", licenseId)
    .orderBy("la.assigned_at", "desc")
    .limit(1000)
    .execute();
  return rows.map((row) => ({
    assignmentId: row.id,
    employee: { id: row.employee_id, name: row.display_name ?? "", terminated: row.status === "terminated" },
    assignedAt: row.assigned_at,
    assignedBy: row.assigned_by,
    revokedAt: row.revoked_at,
    // no user: automation (an offboarding's completion) revoked it
    revokedBy: row.revoked_at ? (row.revoked_by ?? "Automation") : null,
    reason: row.revoke_reason,
  }));
}

/** The licences an employee holds now, by name (their page; offboarding's steps). */
export async function employeeLicenses(
  db: Executor,
  tenantId: string,
  employeeId: string,
): Promise<EmployeeLicense[]> {
  const rows = await db
    .selectFrom("license_assignments as la")
    .innerJoin("licenses as l", "l.id", "la.license_id")
    .select(["la.id", "l.id as license_id", "l.name", "l.vendor", "la.assigned_at", "l.expires_on"])
    .where("la.tenant_id", "=", tenantId)
    .where("la.employee_id", "=", employeeId)
    .where("la.revoked_at", "is", null)
    .orderBy("l.name")
    .orderBy("l.id")
    .execute();
  return rows.map((row) => ({
    assignmentId: row.id,
    license: { id: row.license_id, name: row.name, vendor: row.vendor },
    assignedAt: row.assigned_at,
    expiresOn: row.expires_on,
  }));
}

/** A licence locked for a change of its seats: of two people taking the last seat, one waits and is refused. */
export async function lockLicense(db: Executor, tenantId: string, licenseId: string) {
  const license = await db
    .selectFrom("licenses")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", licenseId)
    .forUpdate()
    .executeTakeFirst();
  if (!license) throw new AppError("NOT_FOUND", "That licence does not exist in this organization.");
  return license;
}

export async function countActiveSeats(db: Executor, tenantId: string, licenseId: string): Promise<number> {
  const row = await db
    .selectFrom("license_assignments")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("tenant_id", "=", tenantId)
    .where("license_id", "=", licenseId)
    .where("revoked_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The active assignment of one licence to one employee, locked, or undefined. */
export function lockActiveAssignment(db: Executor, tenantId: string, licenseId: string, employeeId: string) {
  return db
    .selectFrom("license_assignments")
    .select(["id", "employee_id"])
    .where("tenant_id", "=", tenantId)
    .where("license_id", "=", licenseId)
    .where("employee_id", "=", employeeId)
    .where("revoked_at", "is", null)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Across tenants (platform): licences in use that expire within the widest warning window and
 * have not had the warning their days left call for (7 within a week, else 30), for this expiry
 * date. The daily scan reports each through reportLicenseExpiring, which decides again under lock.
 */
export async function expiringLicensesToReport(db: Executor, limit: number) {
  return db
    .selectFrom("licenses as l")
    .select(["l.id", "l.tenant_id as tenantId"])
    .where("l.archived_at", "is", null)
    .where("l.expires_on", ">=", sql<string>`current_date`)
    .where("l.expires_on", "<=", sql<string>`current_date + ${EXPIRY_WINDOW_DAYS}::int`)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("license_expiry_notices as n")
            .select("n.license_id")
            .whereRef("n.tenant_id", "=", "l.tenant_id")
            .whereRef("n.license_id", "=", "l.id")
            .whereRef("n.expires_on", "=", "l.expires_on")
            .where(
              "n.threshold_days",
              "=",
              sql<number>`case when l.expires_on - current_date <= ${SMALLEST_THRESHOLD}::int then ${SMALLEST_THRESHOLD}::int else ${EXPIRY_WINDOW_DAYS}::int end`,
            ),
        ),
      ),
    )
    .orderBy("l.expires_on")
    .limit(limit)
    .execute();
}

/**
 * Licences due an under-use notice, across tenants (the weekly scan, on the platform connection),
 * grouped by tenant; `limit` bounds one scan, the rest wait for the next.
 */
export async function underusedLicensesToReport(db: Executor, limit: number) {
  return db
    .selectFrom("licenses as l")
    .select(["l.id", "l.tenant_id as tenantId"])
    .where(dueUnderuseNotice("l"))
    .orderBy("l.tenant_id")
    .orderBy("l.name")
    .limit(limit)
    .execute();
}
