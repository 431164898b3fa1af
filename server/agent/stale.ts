import { type RawBuilder, sql } from "kysely";
import type { Executor } from "../db";
import { AppError } from "../errors";

/**
 * When a device counts as stale (issue 16): it is active (not revoked), has checked in at least
 * once, and its last check-in is older than the tenant's `agent_stale_days`. The one definition
 * the agent's device list, the asset list's filter and flag, and the dashboard share, so their
 * counts agree.
 */

/**
 * The instant before which a check-in is stale for the tenant, as a sub-select that runs once per
 * query (for a flag in a select list, or an export that reads every match anyway).
 */
export const staleCutoff = (tenantId: string): RawBuilder<Date> =>
  sql<Date>`(now() - make_interval(days => (select agent_stale_days from tenants where id = ${tenantId})))`;

/**
 * Whether the device aliased `d`, with its presence row aliased `p` (left joined: none until its
 * first check-in), is stale by its own tenant's setting (any tenant's rows).
 */
export const staleDevice = sql<boolean>`(d.revoked_at is null and p.last_seen_at is not null
  and p.last_seen_at < now() - make_interval(days => (select agent_stale_days from tenants where id = d.tenant_id)))`;

/**
 * The tenant's stale days and the cutoff they give now (the transaction's now(), as every query of
 * the request sees it), read once so later queries compare last seen with a constant.
 */
export async function staleCutoffOf(
  db: Executor,
  tenantId: string,
): Promise<{ staleDays: number; cutoff: Date }> {
  const row = await db
    .selectFrom("tenants")
    .select(["agent_stale_days", sql<Date>`now() - make_interval(days => agent_stale_days)`.as("cutoff")])
    .where("id", "=", tenantId)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "Your organization no longer exists.");
  return { staleDays: row.agent_stale_days, cutoff: new Date(row.cutoff) };
}

/**
 * The ids of the tenant's assets whose active agent has not checked in since the cutoff. The range
 * is over agent_devices_stale_idx (migrations 0031, 0033): the devices whose last day seen began
 * before the cutoff, which are the stale ones and those last seen on the cutoff's own day; each
 * one's presence row (by its key) then says whether its last check-in came before the cutoff. The
 * last seen itself has no index: one would make every check-in's update of it non-HOT.
 *
 * Give the cutoff as a constant (staleCutoffOf) where the plan matters: the planner then knows
 * from its statistics how few devices are stale. Behind a sub-select it guessed a third of them,
 * and read a 100k-asset list in its sort order testing every row (270 ms) rather than fetching
 * the few stale ones.
 */
export const staleAssetIds = (tenantId: string, cutoff?: Date) => {
  const before = cutoff ?? staleCutoff(tenantId);
  return sql<{ asset_id: string }>`select d.asset_id from agent_devices as d
    join agent_device_presence as p on p.device_id = d.id
    where d.tenant_id = ${tenantId} and d.asset_id is not null and d.revoked_at is null
      and d.last_seen_day < ${before} and p.last_seen_at < ${before}`;
};

/** Whole days since `column` (a timestamptz; null stays null), as the flags say them ("Not seen 23 days"). */
export const daysSince = (column: RawBuilder<unknown>) =>
  sql<number | null>`floor(extract(epoch from now() - ${column}) / 86400)::int`;
