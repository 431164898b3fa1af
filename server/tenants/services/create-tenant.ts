import type { Actor } from "@/inngest/events";
import { hashPassword } from "../../accounts/password";
import type { Trx } from "../../db";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { insertDefaultStatuses } from "../../reference/services/insert-default-statuses";
import { slugify } from "../slug";

/** Inserts a tenant whose slug is derived from its name, made unique with a numeric suffix. */
export async function insertTenant(trx: Trx, name: string) {
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
    .values({ name: name.trim(), slug })
    .returning(["id", "name", "slug"])
    .executeTakeFirstOrThrow();
}

export type CreateTenantInput = {
  name: string;
  admin: { name: string; email: string; password: string };
  via: "sign_up" | "seed" | "platform";
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

  const tenant = await insertTenant(trx, input.name);
  await insertDefaultStatuses(trx, tenant.id);
  const admin = await trx
    .insertInto("users")
    .values({
      tenant_id: tenant.id,
      email: input.admin.email,
      name: input.admin.name.trim(),
      password_hash: await hashPassword(input.admin.password),
      role: "admin",
    })
    .returning(["id", "email", "name"])
    .executeTakeFirstOrThrow();

  const by: Actor = actor ?? { type: "user", id: admin.id, label: `${admin.name} <${admin.email}>` };
  await emit(trx, {
    tenantId: tenant.id,
    name: "tenant.created",
    actor: by,
    entityId: tenant.id,
    data: { name: tenant.name, slug: tenant.slug },
  });
  await emit(trx, {
    tenantId: tenant.id,
    name: "user.created",
    actor: by,
    entityId: admin.id,
    data: { email: admin.email, name: admin.name, role: "admin", via: input.via },
  });
  return { tenant, admin };
}
