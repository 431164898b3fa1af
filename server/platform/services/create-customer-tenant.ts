import { INVITATION_DAYS } from "../../accounts/services/invite-user";
import { newLinkToken } from "../../accounts/tokens";
import type { PlatformContext } from "../../context";
import { withPlatform } from "../../db";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { insertTenant } from "../../tenants/services/create-tenant";
import type { CreateTenantInput } from "../schemas";

/** A platform operator opens a tenant for a customer; its first admin gets an invitation link. */
export async function createCustomerTenant(ctx: PlatformContext, input: CreateTenantInput, appUrl: string) {
  return withPlatform(ctx.db, async (trx) => {
    const existing = await trx
      .selectFrom("users")
      .select("id")
      .where("email", "=", input.adminEmail)
      .executeTakeFirst();
    if (existing)
      throw new AppError("CONFLICT", `${input.adminEmail} already has an account; use another email.`);

    const tenant = await insertTenant(trx, input.name);
    const { token, tokenHash } = newLinkToken();
    const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000);
    const invitation = await trx
      .insertInto("invitations")
      .values({
        tenant_id: tenant.id,
        email: input.adminEmail,
        role: "admin",
        token_hash: tokenHash,
        expires_at: expiresAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await emit(trx, {
      tenantId: tenant.id,
      name: "tenant.created",
      actor: ctx.actor,
      entityId: tenant.id,
      data: { name: tenant.name, slug: tenant.slug },
    });
    await emit(trx, {
      tenantId: tenant.id,
      name: "user.invited",
      actor: ctx.actor,
      entityId: invitation.id,
      data: { email: input.adminEmail, role: "admin", expiresAt: expiresAt.toISOString() },
    });
    return { id: tenant.id, slug: tenant.slug, inviteLink: new URL(`/invite/${token}`, appUrl).toString() };
  });
}
