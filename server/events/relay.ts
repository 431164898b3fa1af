import { sql } from "kysely";
import { type Db, type Executor, withPlatform } from "../db";
import { logger } from "../logger";
import { recordOperation } from "../telemetry";
import { type InngestEventPayload, toInngestEvent } from "./envelope";

/** Sends a batch to Inngest; throws when the batch was not accepted. */
export type RelaySend = (events: InngestEventPayload[]) => Promise<void>;

export type RelayOptions = {
  batchSize?: number;
  leaseSeconds?: number;
  maxBackoffSeconds?: number;
  /**
   * Attempts after which an event that still fails on its own, while Inngest accepts the others,
   * becomes a dead letter (an admin can retry it from Settings -> Automation).
   */
  maxAttempts?: number;
};

/**
 * Attempts after which a batch Inngest keeps failing (a 5xx, a timeout) is split in halves to find
 * out whether one of its events is what fails, instead of the whole batch waiting on it for ever.
 */
const SPLIT_AFTER_ATTEMPTS = 3;

export type RelayResult = { sent: number; failed: number; dead: number };

/**
 * Statuses with which Inngest's event API refuses the payload itself (malformed, too large, failed
 * transformation), as the SDK reports them ("Inngest API Error: 413 Event payload too large").
 * Resending that payload cannot succeed. Anything else (5xx, 429, an unknown event key, the
 * network) says Inngest is unavailable or misconfigured: every event waits for it alike.
 */
const REFUSED_STATUSES = new Set([400, 406, 409, 412, 413, 422]);

export function refusesPayload(error: unknown): boolean {
  const status = /^Inngest API Error: (\d{3})\b/.exec(error instanceof Error ? error.message : "")?.[1];
  return status !== undefined && REFUSED_STATUSES.has(Number(status));
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 2000);

type Outgoing = { id: string; attempts: number; payload: InngestEventPayload };
/** `alone`: the event failed when sent on its own, so the failure may be its own. */
type Failure = { id: string; error: string; alone?: boolean };
type Outcome = { delivered: string[]; dead: Failure[]; retry: Failure[] };

/** Sends `batch`; resolves with the error when Inngest did not accept it, else with null. */
async function sendBatch(send: RelaySend, batch: Outgoing[]): Promise<unknown> {
  try {
    await send(batch.map((item) => item.payload));
    return null;
  } catch (error) {
    return error ?? new Error("The batch was not accepted");
  }
}

const halvesOf = (batch: Outgoing[]) => {
  const half = Math.ceil(batch.length / 2);
  return [batch.slice(0, half), batch.slice(half)];
};

/**
 * Records what became of `batch`, sent with `error` as the answer (null: accepted). When Inngest
 * refuses it as a payload, each half is sent on its own, down to single events, so a poison event
 * costs about 2 log2(n) extra calls and is the only one set aside. Any other failure (a 5xx, the
 * network) usually means Inngest is unavailable and the whole batch waits; but once an event of
 * the batch has failed SPLIT_AFTER_ATTEMPTS times, the halves are sent on their own too, and
 * split further while one of them goes through. Halves that both fail stop the search: Inngest is
 * down, and the batch costs three calls a pass, not one per event.
 */
async function settleBatch(
  send: RelaySend,
  batch: Outgoing[],
  error: unknown,
  outcome: Outcome,
): Promise<void> {
  if (error === null) {
    outcome.delivered.push(...batch.map((item) => item.id));
    return;
  }
  const failures = batch.map((item) => ({ id: item.id, error: messageOf(error), alone: batch.length === 1 }));
  if (refusesPayload(error)) {
    if (batch.length === 1) {
      outcome.dead.push(...failures);
      return;
    }
    for (const half of halvesOf(batch)) await settleBatch(send, half, await sendBatch(send, half), outcome);
    return;
  }
  if (batch.length === 1 || !batch.some((item) => item.attempts >= SPLIT_AFTER_ATTEMPTS)) {
    outcome.retry.push(...failures);
    return;
  }
  const halves = halvesOf(batch);
  const answers: unknown[] = [];
  for (const half of halves) answers.push(await sendBatch(send, half));
  if (answers.every((answer) => answer !== null && !refusesPayload(answer))) {
    for (const [i, half] of halves.entries()) {
      outcome.retry.push(...half.map((item) => ({ id: item.id, error: messageOf(answers[i]) })));
    }
    return;
  }
  for (const [i, half] of halves.entries()) await settleBatch(send, half, answers[i], outcome);
}

/**
 * The batch as Inngest events. A row that cannot be turned into one (a bug, a value the envelope
 * cannot carry) is a dead letter at once: sending it again would fail the same way.
 */
function outgoingOf(rows: ClaimedEvent[], outcome: Outcome): Outgoing[] {
  const outgoing: Outgoing[] = [];
  for (const row of rows) {
    try {
      outgoing.push({ id: row.id, attempts: row.attempts, payload: toInngestEvent(row) });
    } catch (error) {
      outcome.dead.push({ id: row.id, error: `Not an event Inngest can take: ${messageOf(error)}` });
    }
  }
  return outgoing;
}

/**
 * Failures of events sent on their own while Inngest accepted others in the same pass: those past
 * `maxAttempts` are what fails, and become dead letters. With nothing accepted, Inngest may be down
 * and every event keeps waiting, however long that lasts.
 */
function deadAfterAttempts(outcome: Outcome, attempts: Map<string, number>, maxAttempts: number): void {
  if (outcome.delivered.length === 0) return;
  const exhausted = (failure: Failure) =>
    failure.alone === true && (attempts.get(failure.id) ?? 0) >= maxAttempts;
  outcome.dead.push(
    ...outcome.retry.filter(exhausted).map((failure) => ({
      ...failure,
      error: `${failure.error} (after ${attempts.get(failure.id)} attempts)`,
    })),
  );
  outcome.retry = outcome.retry.filter((failure) => !exhausted(failure));
}

type ClaimedEvent = Awaited<ReturnType<typeof claimBatch>>[number];

/**
 * Claims up to `batchSize` due deliveries under a lease and reads their events in order, each with
 * its attempts so far (this one included).
 */
async function claimBatch(db: Db, batchSize: number, leaseSeconds: number) {
  return withPlatform(db, async (trx) => {
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
    const claimed = await trx
      .updateTable("event_deliveries")
      .set((eb) => ({
        attempts: eb("attempts", "+", 1),
        next_attempt_at: sql`now() + make_interval(secs => ${leaseSeconds})`,
      }))
      .where("event_id", "in", ids)
      .returning(["event_id", "attempts"])
      .execute();
    const attempts = new Map(claimed.map((row) => [row.event_id, row.attempts]));
    const events = await trx
      .selectFrom("events")
      .selectAll()
      .where("id", "in", ids)
      .orderBy("tenant_id")
      .orderBy("seq")
      .execute();
    return events.map((event) => ({ ...event, attempts: attempts.get(event.id) ?? 1 }));
  });
}

/** Records what became of a batch: delivered, dead-lettered, or back off per event (jittered). */
async function recordOutcome(db: Db, outcome: Outcome, maxBackoffSeconds: number): Promise<void> {
  await withPlatform(db, async (trx) => {
    if (outcome.delivered.length > 0) {
      await trx
        .updateTable("event_deliveries")
        .set({ status: "delivered", delivered_at: new Date(), last_error: null })
        .where("event_id", "in", outcome.delivered)
        .execute();
    }
    for (const { id, error } of outcome.dead) {
      await trx
        .updateTable("event_deliveries")
        .set({ status: "dead", dead_at: sql`now()`, last_error: error })
        .where("event_id", "=", id)
        .execute();
    }
    const idsByError = new Map<string, string[]>();
    for (const { id, error } of outcome.retry) idsByError.set(error, [...(idsByError.get(error) ?? []), id]);
    for (const [error, ids] of idsByError) {
      await trx
        .updateTable("event_deliveries")
        .set((eb) => ({
          last_error: error,
          next_attempt_at: sql`now() + make_interval(secs => least(${maxBackoffSeconds}, power(2, greatest(1, ${eb.ref("attempts")}))) * (0.8 + random() * 0.4))`,
        }))
        .where("event_id", "in", ids)
        .execute();
    }
  });
}

/**
 * Delivers one batch of committed events to Inngest. Claiming takes a short lease (so a process
 * that dies mid-send only delays the batch); the send happens outside any transaction; the event
 * id is the row id, so a batch sent twice is de-duplicated by Inngest. Each event counts its own
 * attempts: one Inngest refuses is isolated and dead-lettered (an admin can retry it from Settings
 * -> Automation) while the rest of its batch is delivered; an unavailable Inngest keeps the batch
 * pending with backoff, however long that lasts.
 */
export async function relayOnce(db: Db, send: RelaySend, options: RelayOptions = {}): Promise<RelayResult> {
  const { batchSize = 200, leaseSeconds = 30, maxBackoffSeconds = 600, maxAttempts = 10 } = options;
  const claimed = await claimBatch(db, batchSize, leaseSeconds);
  if (claimed.length === 0) return { sent: 0, failed: 0, dead: 0 };

  const outcome: Outcome = { delivered: [], dead: [], retry: [] };
  const started = performance.now();
  const outgoing = outgoingOf(claimed, outcome);
  if (outgoing.length > 0) await settleBatch(send, outgoing, await sendBatch(send, outgoing), outcome);
  deadAfterAttempts(outcome, new Map(claimed.map((row) => [row.id, row.attempts])), maxAttempts);
  const seconds = (performance.now() - started) / 1000;
  const failed = outcome.retry.length + outcome.dead.length;
  recordOperation("relay", "inngest.send", failed > 0 ? "error" : "ok", seconds);
  if (outcome.retry.length > 0) {
    logger.warn("relay: Inngest did not accept a batch; will retry", {
      events: outcome.retry.length,
      error: outcome.retry[0]?.error,
    });
  }
  if (outcome.dead.length > 0) {
    logger.error("relay: events set aside; they wait in dead letters (Settings -> Automation)", {
      eventIds: outcome.dead.map((failure) => failure.id),
      error: outcome.dead[0]?.error,
    });
  }
  await recordOutcome(db, outcome, maxBackoffSeconds);
  return { sent: outcome.delivered.length, failed: outcome.retry.length, dead: outcome.dead.length };
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

export type DeadLetter = {
  eventId: string;
  eventName: string;
  occurredAt: Date;
  attempts: number;
  error: string | null;
  deadAt: Date;
};

/** Events Inngest refused, newest first: what Settings -> Automation lists with a Retry button. */
export async function deadLetters(db: Executor, tenantId: string, limit = 100): Promise<DeadLetter[]> {
  const rows = await db
    .selectFrom("event_deliveries as d")
    .innerJoin("events as e", "e.id", "d.event_id")
    .select(["d.event_id", "e.name", "e.occurred_at", "d.attempts", "d.last_error", "d.dead_at"])
    .where("d.tenant_id", "=", tenantId)
    .where("d.status", "=", "dead")
    .orderBy("d.dead_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    eventId: row.event_id,
    eventName: row.name,
    occurredAt: new Date(row.occurred_at),
    attempts: row.attempts,
    error: row.last_error,
    deadAt: new Date(row.dead_at ?? row.occurred_at),
  }));
}

/**
 * Puts a dead letter back in the queue as a fresh delivery (attempts from zero, due now). Returns
 * the event's name, or null when the tenant has no such dead letter (never refused, or retried).
 */
export async function requeueDeadLetter(
  db: Executor,
  tenantId: string,
  eventId: string,
): Promise<{ eventName: string } | null> {
  const requeued = await db
    .updateTable("event_deliveries")
    .set({ status: "pending", attempts: 0, next_attempt_at: sql`now()`, dead_at: null, last_error: null })
    .where("tenant_id", "=", tenantId)
    .where("event_id", "=", eventId)
    .where("status", "=", "dead")
    .returning("event_id")
    .executeTakeFirst();
  if (!requeued) return null;
  const event = await db
    .selectFrom("events")
    .select("name")
    .where("tenant_id", "=", tenantId)
    .where("id", "=", eventId)
    .executeTakeFirstOrThrow();
  return { eventName: event.name };
}
