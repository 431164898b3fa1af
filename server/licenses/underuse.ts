import { type RawBuilder, sql } from "kysely";

/** A licence is under-used while fewer than this share of its seats are held. */
export const UNDERUSE_SHARE = 0.5;
/** A licence bought (or recorded) less than this many days ago is still being rolled out. */
export const UNDERUSE_GRACE_DAYS = 30;
/** Told once, admins and IT staff hear of the same licence again after this many days at the earliest. */
export const UNDERUSE_REPEAT_DAYS = 30;

/**
 * Whether licence `l` (alias) is due an under-use notice now: in use (not archived) with a seat
 * count, past its roll-out, fewer than half its seats held, and not told of in the last 30 days.
 * One condition for the weekly scan across tenants and for the per-licence claim that records the
 * notice, so both agree.
 */
export function dueUnderuseNotice(alias: string): RawBuilder<boolean> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  return sql<boolean>`(${column("archived_at")} is null
    and ${column("seats")} is not null
    and coalesce(${column("purchased_on")}, ${column("created_at")}::date) <= current_date - ${UNDERUSE_GRACE_DAYS}::int
    and (${column("underused_notified_at")} is null
         or ${column("underused_notified_at")} < now() - make_interval(days => ${UNDERUSE_REPEAT_DAYS}::int))
    and (select count(*) from license_assignments a
          where a.tenant_id = ${column("tenant_id")} and a.license_id = ${column("id")} and a.revoked_at is null)
        < ${column("seats")} * ${UNDERUSE_SHARE}::numeric)`;
}
