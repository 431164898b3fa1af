import { sql } from "kysely";
import { type Db, type Executor, withPlatform } from "../db";
import { logger } from "../logger";
import { recordOperation } from "../telemetry";
import { type InngestEventPayload, toInngestEvent } from "./envelope";

/** Sends a batch to Inngest; throws when the batch was not accepted. */
export type RelaySend = (events: InngestEventPayload[]) => Promise<void>;

export type RelayOptions = { batchSize?: number; leaseSeconds?: number; maxBackoffSeconds?: number };

/**
 * Delivers one batch of committed events to Inngest. Claiming takes a short lease (so a process
 * that dies mid-send only delays the batch); the send happens outside any transaction; the event
 * id is the row id, so a batch sent twice is de-duplicated by Inngest.
 */
export async function relayOnce(
  db: Db,
  send: RelaySend,
  options: RelayOptions = {},
): Promise<{ sent: number; failed: number }> {
  const { batchSize = 200, leaseSeconds = 30, maxBackoffSeconds = 600 } = options;
  const claimed = await withPlatform(db, async (trx) => {
    const due = await trx
      .selectFrom("event_deliveries")
      .select("event_id")
      .where("status", "=", "pending")
      .where("next_attempt_at", "<=", sql<Date>`now()`)
      .orderBy("next_attempt_at")
      .limit(batchSize)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    const ids = due.map((row) => row.event_id);
    await trx
      .updateTable("event_deliveries")
      .set((eb) => ({
        attempts: eb("attempts", "+", 1),
        next_attempt_at: sql`now() + make_interval(secs => ${leaseSeconds})`,
      }))
      .where("event_id", "in", ids)
      .execute();
    return trx
      .selectFrom("events")
      .selectAll()
      .where("id", "in", ids)
      .orderBy("tenant_id")
      .orderBy("seq")
      .execute();
  });
  if (claimed.length === 0) return { sent: 0, failed: 0 };

  const ids = claimed.map((row) => row.id);
  const started = performance.now();
  try {
    await send(claimed.map(toInngestEvent));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    recordOperation("relay", "inngest.send", "error", (performance.now() - started) / 1000);
    logger.warn("relay: Inngest did not accept a batch; will retry", { events: ids.length, error: message });
    await withPlatform(db, (trx) =>
      trx
        .updateTable("event_deliveries")
        .set((eb) => ({
          last_error: message.slice(0, 2000),
          next_attempt_at: sql`now() + make_interval(secs => least(${maxBackoffSeconds}, power(2, greatest(1, ${eb.ref("attempts")}))) * (0.8 + random() * 0.4))`,
        }))
        .where("event_id", "in", ids)
        .execute(),
    );
    return { sent: 0, failed: ids.length };
  }
  recordOperation("relay", "inngest.send", "ok", (performance.now() - started) / 1000);
  await withPlatform(db, (trx) =>
    trx
      .updateTable("event_deliveries")
      .set({ status: "delivered", delivered_at: new Date(), last_error: null })
      .where("event_id", "in", ids)
      .execute(),
  );
  return { sent: ids.length, failed: 0 };
}

export type RelayHandle = { stop: () => Promise<void>; wake: () => void };

/** Runs the relay in the background until stopped; never blocks a request. */
export function startRelay(
  db: Db,
  send: RelaySend,
  { idleMs = 500, ...options }: RelayOptions & { idleMs?: number } = {},
): RelayHandle {
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      let sent = 0;
      try {
        ({ sent } = await relayOnce(db, send, options));
      } catch (error) {
        logger.error("relay: batch failed", { error });
      }
      if (sent === 0 && !stopped) {
        await new Promise<void>((resolve) => {
          wakeUp = resolve;
          setTimeout(resolve, idleMs);
        });
      }
    }
  })();
  return {
    wake: () => wakeUp?.(),
    stop: async () => {
      stopped = true;
      wakeUp?.();
      await loop;
    },
  };
}

export type RelayBacklog = {
  pending: number;
  retrying: number;
  oldestPendingAt: Date | null;
  lastError: string | null;
};

/** The backlog as the current transaction may see it (a tenant's own, under RLS). */
export async function relayBacklog(db: Executor, tenantId?: string): Promise<RelayBacklog> {
  let query = db
    .selectFrom("event_deliveries")
    .select((eb) => [
      eb.fn.countAll<number>().as("pending"),
      eb.fn.count<number>("event_id").filterWhere("last_error", "is not", null).as("retrying"),
      eb.fn.min("created_at").as("oldest"),
      eb.fn.max("last_error").as("last_error"),
    ])
    .where("status", "=", "pending");
  if (tenantId) query = query.where("tenant_id", "=", tenantId);
  const row = await query.executeTakeFirstOrThrow();
  return {
    pending: Number(row.pending),
    retrying: Number(row.retrying),
    oldestPendingAt: row.oldest ? new Date(row.oldest as Date) : null,
    lastError: row.last_error ?? null,
  };
}
