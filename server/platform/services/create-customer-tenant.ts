import { INVITATION_DAYS } from "../../accounts/services/invite-user";
import { newLinkToken } from "../../accounts/tokens";
import type { PlatformScope } from "../../context";
import { AppError } from "../../errors";
import { emitMany } from "../../events/emit";
import { insertTenant } from "../../tenants/services/create-tenant";
import type { CreateTenantInput } from "../schemas";

/**
 * A platform operator opens a tenant for a customer; its first admin gets an invitation link. Runs
 * in the platform rung's transaction; the events go to the new tenant's stream.
 */
export async function createCustomerTenant(scope: PlatformScope, input: CreateTenantInput, appUrl: string) {
  const trx = scope.db;
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
  const events = { db: trx, tenantId: tenant.id, actor: scope.actor, cause: null };
  await emitMany(events, [
    { name: "tenant.created", entityId: tenant.id, data: { name: tenant.name, slug: tenant.slug } },
    {
      name: "user.invited",
      entityId: invitation.id,
      data: { email: input.adminEmail, role: "admin", expiresAt: expiresAt.toISOString() },
    },
  ]);
  return { id: tenant.id, slug: tenant.slug, inviteLink: new URL(`/invite/${token}`, appUrl).toString() };
}
