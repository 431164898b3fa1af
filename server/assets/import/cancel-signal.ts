import { sql } from "kysely";
import type { Executor, Trx } from "../../db";

/**
 * How a cancel reaches an "all_or_nothing" import while it writes. That import's one transaction
 * holds the tenant's event chain head from its first batch until it ends, so the cancel, whose
 * event needs the head, cannot commit first, and a status it wrote would not be seen. The cancel
 * therefore takes this transaction-level advisory lock before anything else; the import probes
 * it between batches without keeping it, and rolls back when someone holds it.
 */
const lockKey = (importId: string) => sql`hashtext(${`asset_import_cancel:${importId}`})`;

/** Announces a cancel of the import until the caller's transaction ends. */
export async function announceImportCancel(trx: Trx, importId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${lockKey(importId)})`.execute(trx);
}

/** Whether a cancel of the import is under way right now (probed, not waited for, not kept). */
export async function importCancelUnderWay(db: Executor, importId: string): Promise<boolean> {
  const key = lockKey(importId);
  const { rows } = await sql<{ free: boolean }>`
    select case when pg_try_advisory_lock_shared(${key}) then pg_advisory_unlock_shared(${key}) else false end as free`.execute(
    db,
  );
  return rows[0]?.free === false;
}

/** Waits for a cancel under way to commit or roll back (the lock is released when it ends). */
export async function waitForImportCancel(trx: Trx, importId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock_shared(${lockKey(importId)})`.execute(trx);
}
