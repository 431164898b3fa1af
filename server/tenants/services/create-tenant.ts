import type { Actor } from "@/inngest/events";
import { hashPassword } from "../../accounts/password";
import { userActor } from "../../context";
import type { Trx } from "../../db";
import { AppError } from "../../errors";
import { type EventScope, emit } from "../../events/emit";
import { insertDefaultStatuses } from "../../reference/statuses/services/insert-default-statuses";
import { type Currency, DEFAULT_CURRENCY } from "../currency";
import { slugify } from "../slug";

/** Inserts a tenant whose slug is derived from its name, made unique with a numeric suffix. */
export async function insertTenant(trx: Trx, name: string, currency: Currency = DEFAULT_CURRENCY) {
  const base = slugify(name);
  const taken = await trx
    .selectFrom("tenants")
    .select("slug")
    .where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${base}-%`)]))
    .execute();
  const takenSlugs = new Set(taken.map((row) => row.slug));
  let slug = base;
  for (let n = 2; takenSlugs.has(slug); n++) slug = `${base}-${n}`;
  return trx
    .insertInto("tenants")
    .values({ name: name.trim(), slug, currency })
    .returning(["id", "name", "slug"])
    .executeTakeFirstOrThrow();
}

export type CreateTenantInput = {
  name: string;
  /** The first admin, with their password, or its hash when it was hashed earlier (a verified sign-up). */
  admin: { name: string; email: string } & ({ password: string } | { passwordHash: string });
  via: "sign_up" | "seed" | "platform";
  /** The currency its amounts are in; sign-up takes it from the browser's locale. */
  currency?: Currency;
};

/** Creates a tenant and its first admin in the caller's platform transaction. */
export async function createTenant(trx: Trx, input: CreateTenantInput, actor?: Actor) {
  const existing = await trx
    .selectFrom("users")
    .select("id")
    .where("email", "=", input.admin.email)
    .executeTakeFirst();
  if (existing) {
    throw new AppError(
      "CONFLICT",
      `An account with ${input.admin.email} already exists. Sign in instead, or use another email.`,
    );
  }

  const tenant = await insertTenant(trx, input.name, input.currency);
  await insertDefaultStatuses(trx, tenant.id);
  const admin = await trx
    .insertInto("users")
    .values({
      tenant_id: tenant.id,
      email: input.admin.email,
      name: input.admin.name.trim(),
      password_hash:
        "passwordHash" in input.admin ? input.admin.passwordHash : await hashPassword(input.admin.password),
      role: "admin",
    })
    .returning(["id", "email", "name"])
    .executeTakeFirstOrThrow();

  const scope: EventScope = { db: trx, tenantId: tenant.id, actor: actor ?? userActor(admin) };
  await emit(scope, {
    name: "tenant.created",
    entityId: tenant.id,
    data: { name: tenant.name, slug: tenant.slug },
  });
  await emit(scope, {
    name: "user.created",
    entityId: admin.id,
    data: { email: admin.email, name: admin.name, role: "admin", via: input.via },
  });
  return { tenant, admin };
}
