import type { PlatformContext } from "../../context";
import { withPlatform } from "../../db";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";

/** Suspending a tenant refuses its sign-ins and ends its open sessions on their next request. */
export async function setTenantStatus(
  ctx: PlatformContext,
  input: { tenantId: string; status: "active" | "suspended" },
) {
  return withPlatform(ctx.db, async (trx) => {
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
    await emit(trx, {
      tenantId: tenant.id,
      name: input.status === "suspended" ? "tenant.suspended" : "tenant.reactivated",
      actor: ctx.actor,
      entityId: tenant.id,
      data: { name: tenant.name },
    });
    return { id: tenant.id, status: input.status };
  });
}
