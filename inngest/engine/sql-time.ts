import { type RawBuilder, sql } from "kysely";
import type { Due } from "./durations";

/**
 * Deadlines are computed by the database (`now() + ...`), never from a replica's clock, so
 * every replica agrees on when a lease expires or a timer is due.
 */
export function msFromNow(ms: number): RawBuilder<Date> {
  return sql<Date>`now() + (${Math.max(0, Math.round(ms))}::bigint * interval '1 millisecond')`;
}

export function dueSql(due: Due): RawBuilder<Date> {
  return "at" in due ? sql<Date>`${due.at.toISOString()}::timestamptz` : msFromNow(due.afterMs);
}
