import { PLATFORM_TENANT_ID, userActor } from "../context";
import type { Trx } from "../db";
import type { EventScope } from "../events/emit";

type Account = { id: string; tenant_id: string | null; name: string; email: string };

/**
 * Where the events of a person acting on their own account outside a tenant request go (signing
 * in, changing their password, signing out): their tenant's stream, or the platform's for a super
 * admin, with the person as actor.
 */
export const accountEventScope = (db: Trx, account: Account): EventScope => ({
  db,
  tenantId: account.tenant_id ?? PLATFORM_TENANT_ID,
  actor: userActor(account),
});
