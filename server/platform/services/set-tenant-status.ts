import { sql } from "kysely";
import type { PlatformScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";

/**
 * Suspending a tenant refuses its sign-ins and ends its open sessions: every member's session
 * version moves on, so a cookie from before the suspension stays dead after a reactivation (the
 * session check refuses a suspended tenant's members meanwhile). Runs in the platform rung's
 * transaction; the event goes to the tenant's own stream.
 */
export async function setTenantStatus(
  scope: PlatformScope,
  input: { tenantId: string; status: "active" | "suspended" },
) {
  const trx = scope.db;
  const tenant = await trx
    .selectFrom("tenants")
    .select(["id", "name", "status"])
    .where("id", "=", input.tenantId)
    .forUpdate()
    .executeTakeFirst();
  if (!tenant) throw new AppError("NOT_FOUND", "That tenant does not exist.");
  if (tenant.status === input.status) return { id: tenant.id, status: input.status };

  await trx
    .updateTable("tenants")
    .set({ status: input.status, suspended_at: input.status === "suspended" ? new Date() : null })
    .where("id", "=", tenant.id)
    .execute();
  let sessionsEnded = 0;
  if (input.status === "suspended") {
    const ended = await trx
      .updateTable("users")
      .set({ session_version: sql`session_version + 1` })
      .where("tenant_id", "=", tenant.id)
      .executeTakeFirst();
    sessionsEnded = Number(ended.numUpdatedRows);
  }
  await emit(
    { db: trx, tenantId: tenant.id, actor: scope.actor, cause: null },
    {
      name: input.status === "suspended" ? "tenant.suspended" : "tenant.reactivated",
      entityId: tenant.id,
      data: input.status === "suspended" ? { name: tenant.name, sessionsEnded } : { name: tenant.name },
    },
  );
  return { id: tenant.id, status: input.status };
}
