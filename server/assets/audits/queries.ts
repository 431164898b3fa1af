import { type Expression, type SqlBool, sql } from "kysely";
import type { Executor } from "../../db";
import { AppError } from "../../errors";
import type { AuditCounts, AuditSummary } from "./schemas";

/** Lists on the audit page stop here; counts do not. */
export const AUDIT_LIST_LIMIT = 500;

/** `location_id` lies in the audited location's subtree (the location or anything below it). */
export const inSubtree = (rootId: string, column: string): Expression<SqlBool> =>
  sql<SqlBool>`${sql.ref(column)} in (
    with recursive subtree as (
      select id from locations where id = ${rootId}
      union
      select child.id from locations child join subtree on child.parent_id = subtree.id
    )
    select id from subtree)`;

/** Assets expected at the audited location: there or below it, and not disposed of. */
export function expectedAssets(db: Executor, tenantId: string, locationId: string) {
  return db
    .selectFrom("assets")
    .innerJoin("statuses", "statuses.id", "assets.status_id")
    .where("assets.tenant_id", "=", tenantId)
    .where(inSubtree(locationId, "assets.location_id"))
    .where("statuses.kind", "<>", "disposed");
}

/** The audit row with its location, locked for the rest of the transaction. */
export async function lockAudit(trx: Executor, tenantId: string, auditId: string) {
  const audit = await trx
    .selectFrom("asset_audits")
    .select(["id", "location_id", "status", "started_at", "summary"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", auditId)
    .forUpdate()
    .executeTakeFirst();
  if (!audit) throw new AppError("NOT_FOUND", "That audit does not exist in this organization.");
  const location = await trx
    .selectFrom("locations")
    .select("name")
    .where("id", "=", audit.location_id)
    .executeTakeFirstOrThrow();
  return { ...audit, location_name: location.name };
}

export function assertOpen(audit: { status: string; location_name: string }) {
  if (audit.status !== "open") {
    throw new AppError(
      "CONFLICT",
      `The audit of ${audit.location_name} is closed; start a new audit to scan again.`,
    );
  }
}

/** Found, missing, unexpected and unknown right now (an open audit), in one round trip. */
export async function liveCounts(
  db: Executor,
  tenantId: string,
  auditId: string,
  locationId: string,
): Promise<AuditCounts> {
  const scans = db
    .selectFrom("asset_audit_scans")
    .where("tenant_id", "=", tenantId)
    .where("audit_id", "=", auditId);
  const row = await db
    .selectNoFrom((eb) => [
      expectedAssets(db, tenantId, locationId).select(eb.fn.countAll<number>().as("n")).as("expected"),
      expectedAssets(db, tenantId, locationId)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("asset_audit_scans as s")
                .select("s.id")
                .where("s.audit_id", "=", auditId)
                .whereRef("s.asset_id", "=", "assets.id"),
            ),
          ),
        )
        .select(eb.fn.countAll<number>().as("n"))
        .as("missing"),
      scans.where("result", "=", "found").select(eb.fn.countAll<number>().as("n")).as("found"),
      scans.where("result", "=", "unexpected").select(eb.fn.countAll<number>().as("n")).as("unexpected"),
      scans.where("result", "=", "unknown").select(eb.fn.countAll<number>().as("n")).as("unknown"),
    ])
    .executeTakeFirstOrThrow();
  return {
    expected: Number(row.expected),
    found: Number(row.found),
    missing: Number(row.missing),
    unexpected: Number(row.unexpected),
    unknown: Number(row.unknown),
  };
}

export const summaryOf = (value: unknown): AuditSummary | null => (value ? (value as AuditSummary) : null);
