import { sql } from "kysely";
import type { Trx } from "../db";

/** The PostgreSQL channel that says "this user's notifications changed" (payload `tenant:user`). */
export const NOTIFICATIONS_CHANNEL = "assetronics_notifications";

/**
 * Tells every app replica, once the transaction commits (NOTIFY is transactional: a rollback
 * announces nothing), that a user's notifications changed, so their open bells refresh.
 */
export async function announceChange(trx: Trx, tenantId: string, userId: string): Promise<void> {
  await sql`select pg_notify(${NOTIFICATIONS_CHANNEL}, ${`${tenantId}:${userId}`})`.execute(trx);
}
