import { type Db, withPlatform } from "../../db";
import { createTenant } from "../../tenants/services/create-tenant";
import type { SignUpInput } from "../schemas";

/** Self-service sign-up: a new tenant with the person signing up as its first admin. */
export async function signUp(db: Db, input: SignUpInput) {
  const { tenant, admin } = await withPlatform(db, (trx) =>
    createTenant(trx, {
      name: input.organization,
      admin: { name: input.name, email: input.email, password: input.password },
      via: "sign_up",
    }),
  );
  return { tenantId: tenant.id, userId: admin.id };
}
