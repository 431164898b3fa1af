import { sql } from "kysely";
import { type Db, withPlatform } from "@/server/db";
import { type EventRow, toInngestEvent } from "@/server/events/envelope";
import type { Turn } from "@/server/heavy-jobs";
import type { EngineFunction } from "./functions";
import { enqueueRunRequests, functionsTriggeredBy } from "./runs";
import { matchWaitingRuns } from "./waits";

export type DispatchOptions = {
  /** Events per transaction. */
  batchSize?: number;
  /** Stop after this many events, so a backlog does not hold up claiming runs; the caller comes back for more. */
  limit?: number;
  /** Runs each batch's transaction when its turn comes (EngineOptions.turn); at once without it. */
  turn?: Turn;
};

/**
 * Turns committed outbox events into runs (embedded mode; with Inngest the relay delivers them
 * instead). Each batch is one transaction: the deliveries are locked with `skip locked` so
 * replicas share the work, every triggered function gets its run (idempotently, in one insert),
 * and the deliveries are marked delivered together with them, so an event is never lost or
 * doubled. Returns how many events were dispatched.
 */
export async function dispatchEvents(
  db: Db,
  functions: readonly EngineFunction[],
  options: DispatchOptions = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 100;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const turn = options.turn ?? ((work) => work());
  let total = 0;
  while (total < limit) {
    const count = await turn(() => dispatchBatch(db, functions, Math.min(batchSize, limit - total)));
    total += count;
    if (count < batchSize) return total;
  }
  return total;
}

/** One batch of dispatchEvents, in its own transaction: how many events it dispatched. */
function dispatchBatch(db: Db, functions: readonly EngineFunction[], size: number): Promise<number> {
  return withPlatform(db, async (trx) => {
    const rows = await trx
      .selectFrom("event_deliveries as d")
      .innerJoin("events as e", "e.id", "d.event_id")
      .select([
        "e.id",
        "e.tenant_id",
        "e.seq",
        "e.name",
        "e.actor_type",
        "e.actor_id",
        "e.actor_label",
        "e.entity_type",
        "e.entity_id",
        "e.data",
        "e.occurred_at",
        "e.caused_by",
        "e.correlation_id",
      ])
      .where("d.status", "=", "pending")
      .where("d.next_attempt_at", "<=", sql<Date>`now()`)
      .orderBy("d.next_attempt_at")
      .limit(size)
      .forUpdate("d")
      .skipLocked()
      .execute();
    if (rows.length === 0) return 0;
    const events = (rows as EventRow[]).map((row) => ({
      event: toInngestEvent(row),
      tenantId: row.tenant_id,
    }));
    await enqueueRunRequests(
      trx,
      events.flatMap(({ event, tenantId }) =>
        functionsTriggeredBy(functions, event).map((fn) => ({ fn, event, tenantId })),
      ),
    );
    await matchWaitingRuns(
      trx,
      events.map(({ event }) => event),
      functions,
    );
    await trx
      .updateTable("event_deliveries")
      .set({ status: "delivered", delivered_at: sql`now()`, attempts: sql`attempts + 1`, last_error: null })
      .where(
        "event_id",
        "in",
        rows.map((row) => row.id),
      )
      .execute();
    return rows.length;
  });
}
