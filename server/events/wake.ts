import { sql } from "kysely";
import { type Db, onCommit, type Trx } from "../db";
import { logger } from "../logger";

/** The PostgreSQL notification channel that tells the automation engines new work was committed. */
export const EVENTS_CHANNEL = "assetronics_events";

/**
 * One notification in its own transaction, committed without waiting for the WAL flush: PostgreSQL
 * holds a global lock from a notifying transaction's pre-commit until its commit is flushed, so a
 * notification inside every business transaction serialized their commits one fsync at a time
 * (BENCHMARKS.md: 370 commits/s instead of 5,854). Losing this notification in a crash loses
 * nothing but a wake-up; the engines' poll catches up.
 */
async function sendNotification(db: Db): Promise<void> {
  await db
    .transaction()
    .execute((trx) =>
      sql`select set_config('synchronous_commit', 'off', true), pg_notify(${EVENTS_CHANNEL}, '')`.execute(
        trx,
      ),
    );
}

/**
 * Coalesces a process's wake-ups: one notification in flight at a time, and one more after it
 * when a commit finished meanwhile (the one in flight may have been sent before that commit was
 * visible). Under load that is a notification per round trip, not per commit.
 */
function coalescingNotifier(db: Db): () => void {
  let sending = false;
  let again = false;
  const drain = async () => {
    sending = true;
    do {
      again = false;
      try {
        await sendNotification(db);
      } catch (error) {
        logger.warn("could not wake the automation engines; they find the work at their next poll", {
          error,
        });
      }
    } while (again);
    sending = false;
  };
  return () => {
    if (sending) again = true;
    else void drain();
  };
}

const notifiers = new WeakMap<Db, () => void>();

function notifyCommitted(db: Db): void {
  let notify = notifiers.get(db);
  if (!notify) {
    notify = coalescingNotifier(db);
    notifiers.set(db, notify);
  }
  notify();
}

/**
 * Wakes every replica's engine once `trx` commits (events to dispatch, runs queued or retried):
 * each LISTENs on EVENTS_CHANNEL (db/listen.ts). A transaction whose commit nobody watches
 * notifies inside itself, which PostgreSQL delivers on commit too.
 */
export async function wakeEnginesOnCommit(trx: Trx): Promise<void> {
  if (!onCommit(trx, notifyCommitted)) await sql`select pg_notify(${EVENTS_CHANNEL}, '')`.execute(trx);
}
