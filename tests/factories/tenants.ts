import { randomUUID } from "node:crypto";
import { hashPassword } from "@/server/accounts/password";
import { type Cause, systemScope, type TenantScope, type UserScope, userActor } from "@/server/context";
import { type Db, withPlatform, withTenant } from "@/server/db";
import type { TenantRole } from "@/server/roles";
import { createTenant } from "@/server/tenants/services/create-tenant";

export const TEST_PASSWORD = "correct-horse-battery";
let cachedHash: Promise<string> | undefined;
const passwordHash = () => (cachedHash ??= hashPassword(TEST_PASSWORD));

export const uniqueEmail = (prefix = "user") => `${prefix}-${randomUUID().slice(0, 8)}@example.test`;

/** A fresh tenant with its first admin (each test gets its own, so tests never share rows). */
export async function createTestTenant(db: Db, name = `Tenant ${randomUUID().slice(0, 8)}`) {
  const email = uniqueEmail("admin");
  const { tenant, admin } = await withPlatform(db, (trx) =>
    createTenant(trx, { name, admin: { name: "Ada Admin", email, password: TEST_PASSWORD }, via: "seed" }),
  );
  return {
    tenant,
    admin: { ...admin, role: "admin" as const, tenantId: tenant.id, tenantName: tenant.name },
  };
}

export async function createTestUser(
  db: Db,
  tenant: { id: string; name: string },
  role: TenantRole,
  overrides: { email?: string; name?: string } = {},
) {
  const email = overrides.email ?? uniqueEmail(role);
  const row = await withPlatform(db, async (trx) =>
    trx
      .insertInto("users")
      .values({
        tenant_id: tenant.id,
        email,
        name: overrides.name ?? `Test ${role}`,
        password_hash: await passwordHash(),
        role,
      })
      .returning(["id", "email", "name"])
      .executeTakeFirstOrThrow(),
  );
  return { ...row, role, tenantId: tenant.id, tenantName: tenant.name };
}

export async function createSuperAdmin(db: Db) {
  const email = uniqueEmail("super");
  return withPlatform(db, async (trx) =>
    trx
      .insertInto("users")
      .values({
        tenant_id: null,
        email,
        name: "Sue Super",
        password_hash: await passwordHash(),
        role: "super_admin",
      })
      .returning(["id", "email", "name"])
      .executeTakeFirstOrThrow(),
  );
}

export type TestUser = Awaited<ReturnType<typeof createTestUser>>;

/** Runs a service as `user` the way the tenant procedure would: in that tenant's RLS transaction. */
export function asUser<T>(db: Db, user: TestUser, fn: (scope: UserScope) => Promise<T>): Promise<T> {
  return withTenant(db, user.tenantId, (trx) =>
    fn({ db: trx, tenantId: user.tenantId, user, actor: userActor(user), requestId: "test", cause: null }),
  );
}

/**
 * Runs a service as automation would: in the tenant's RLS transaction with the system as actor
 * (labelled `label` in the audit log) and, when given, the event that caused the change.
 */
export function asSystem<T>(
  db: Db,
  tenantId: string,
  fn: (scope: TenantScope) => Promise<T>,
  options: { label?: string; cause?: Cause | null } = {},
): Promise<T> {
  return withTenant(db, tenantId, (trx) =>
    fn(
      systemScope(trx, tenantId, { label: options.label ?? "Test automation", cause: options.cause ?? null }),
    ),
  );
}
