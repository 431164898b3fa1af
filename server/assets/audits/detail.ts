import type { Executor } from "../../db";
import { AppError } from "../../errors";
import { AUDIT_LIST_LIMIT, expectedAssets, inSubtree, liveCounts, summaryOf } from "./queries";
import type { AuditDetail } from "./schemas";

/** The tenant's audits, newest first; closed ones with their final counts. */
export async function listAudits(
  db: Executor,
  tenantId: string,
  options: { limit?: number; auditId?: string } = {},
) {
  const rows = await db
    .selectFrom("asset_audits")
    .innerJoin("locations", "locations.id", "asset_audits.location_id")
    .leftJoin("users", "users.id", "asset_audits.started_by")
    .select([
      "asset_audits.id",
      "asset_audits.status",
      "asset_audits.started_at",
      "asset_audits.closed_at",
      "asset_audits.summary",
      "locations.id as location_id",
      "locations.name as location_name",
      "users.name as started_by",
    ])
    .where("asset_audits.tenant_id", "=", tenantId)
    .$if(options.auditId !== undefined, (qb) => qb.where("asset_audits.id", "=", options.auditId ?? ""))
    .orderBy("asset_audits.started_at", "desc")
    .limit(options.limit ?? 100)
    .execute();
  return rows.map((row) => {
    const summary = summaryOf(row.summary);
    return {
      id: row.id,
      location: { id: row.location_id, name: row.location_name },
      status: row.status as "open" | "closed",
      startedBy: row.started_by,
      startedAt: row.started_at,
      closedAt: row.closed_at,
      counts: summary
        ? {
            expected: summary.expected,
            found: summary.found,
            missing: summary.missing,
            unexpected: summary.unexpected,
            unknown: summary.unknown,
          }
        : null,
      summary,
    };
  });
}

/**
 * An audit as its page shows it: live counts and lists while open; once closed, the counts and
 * missing assets recorded at closing (assets moved since do not rewrite the audit).
 */
export async function getAuditDetail(db: Executor, tenantId: string, auditId: string): Promise<AuditDetail> {
  const [audit] = await listAudits(db, tenantId, { auditId, limit: 1 });
  if (!audit) throw new AppError("NOT_FOUND", "That audit does not exist in this organization.");
  const scans = await db
    .selectFrom("asset_audit_scans as s")
    .leftJoin("assets", "assets.id", "s.asset_id")
    .leftJoin("locations", "locations.id", "assets.location_id")
    .select([
      "s.result",
      "s.code",
      "s.scanned_at",
      "assets.id as asset_id",
      "assets.tag",
      "assets.name",
      "assets.location_id",
      "locations.name as location_name",
    ])
    .where("s.tenant_id", "=", tenantId)
    .where("s.audit_id", "=", auditId)
    .orderBy("s.scanned_at", "desc")
    .execute();
  const here = new Set(
    (
      await db
        .selectFrom("locations")
        .select("id")
        .where("tenant_id", "=", tenantId)
        .where(inSubtree(audit.location.id, "locations.id"))
        .execute()
    ).map((row) => row.id),
  );
  const assetOf = (row: (typeof scans)[number]) => ({
    id: row.asset_id ?? "",
    tag: row.tag ?? row.code,
    name: row.name ?? "",
    location: row.location_name,
    scannedAt: row.scanned_at,
  });

  const closed = audit.summary;
  const missing = closed
    ? closed.missingAssets
        .slice(0, AUDIT_LIST_LIMIT)
        .map((asset) => ({ ...asset, location: asset.location ?? null }))
    : (
        await expectedAssets(db, tenantId, audit.location.id)
          .leftJoin("locations", "locations.id", "assets.location_id")
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
          .select(["assets.id", "assets.tag", "assets.name", "locations.name as location"])
          .orderBy("assets.tag")
          .limit(AUDIT_LIST_LIMIT)
          .execute()
      ).map((row) => ({ id: row.id, tag: row.tag, name: row.name, location: row.location }));

  const { summary: _summary, ...item } = audit;
  return {
    ...item,
    counts: audit.counts ?? (await liveCounts(db, tenantId, auditId, audit.location.id)),
    found: scans
      .filter((row) => row.result === "found")
      .slice(0, AUDIT_LIST_LIMIT)
      .map(assetOf),
    unexpected: scans
      .filter((row) => row.result === "unexpected")
      .slice(0, AUDIT_LIST_LIMIT)
      .map((row) => ({ ...assetOf(row), moved: row.location_id !== null && here.has(row.location_id) })),
    unknown: scans
      .filter((row) => row.result === "unknown")
      .slice(0, AUDIT_LIST_LIMIT)
      .map((row) => ({ code: row.code, scannedAt: row.scanned_at })),
    missing,
    listLimit: AUDIT_LIST_LIMIT,
  };
}
