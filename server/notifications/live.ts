import { sql } from "kysely";
import { type Db, onCommit, type Trx } from "../db";
import { logger } from "../logger";

/** The PostgreSQL channel that says "this user's notifications changed" (payload `tenant:user`). */
export const NOTIFICATIONS_CHANNEL = "assetronics_notifications";

/**
 * The announcements of one process's committed transactions, sent together: one in flight at a
 * time, in a transaction of its own committed without waiting for the WAL flush, and whatever
 * committed meanwhile in the next one. PostgreSQL holds a global lock from a notifying
 * transaction's commit until its flush, so a notification inside each transaction that notifies
 * someone serialized those commits one fsync at a time (BENCHMARKS.md, events-notify), and with
 * them every notify step of the engine.
 */
function coalescingAnnouncer(db: Db): (payload: string) => void {
  let pending = new Set<string>();
  let sending = false;
  const drain = async () => {
    sending = true;
    while (pending.size > 0) {
      const payloads = [...pending];
      pending = new Set();
      try {
        await db.transaction().execute((trx) =>
          sql`select pg_notify(${NOTIFICATIONS_CHANNEL}, payload)
                  from (select set_config('synchronous_commit', 'off', true)) as setting,
                       unnest(${payloads}::text[]) as payload`.execute(trx),
        );
      } catch (error) {
        logger.warn("could not announce notification changes; open bells catch up on the next one", {
          error,
        });
      }
    }
    sending = false;
  };
  return (payload) => {
    pending.add(payload);
    if (!sending) void drain();
  };
}

const announcers = new WeakMap<Db, (payload: string) => void>();

/**
 * Tells every app replica, once the transaction commits (never on a rollback), that a user's
 * notifications changed, so their open bells refresh. After the commit, with the process's other
 * announcements (coalescingAnnouncer); a crash in between costs open bells only this live
 * refresh, never a notification (they show it on their next refresh). A transaction whose commit
 * nobody watches (PGlite) notifies inside itself, which PostgreSQL delivers on commit too.
 */
export async function announceChange(trx: Trx, tenantId: string, userId: string): Promise<void> {
  const payload = `${tenantId}:${userId}`;
  const announced = onCommit(trx, (db) => {
    let announce = announcers.get(db);
    if (!announce) {
      announce = coalescingAnnouncer(db);
      announcers.set(db, announce);
    }
    announce(payload);
  });
  if (!announced) await sql`select pg_notify(${NOTIFICATIONS_CHANNEL}, ${payload})`.execute(trx);
}
