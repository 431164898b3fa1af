import { randomBytes } from "node:crypto";
import { hashPassword } from "../../accounts/password";
import { type Db, withPlatform } from "../../db";

export type BootstrapSuperAdminInput = {
  email: string;
  name?: string;
  /** The operator's chosen password; without one a random password is generated. */
  password?: string;
};

export type BootstrapSuperAdminResult =
  | { outcome: "created"; email: string; password: string; generated: boolean }
  | { outcome: "exists"; email: string }
  | { outcome: "taken_by_tenant_user"; email: string };

/**
 * Makes sure the platform operator `email` exists, creating it on first start. An existing account
 * is left as it is (its password is never reset from the environment), and an email that already
 * belongs to a tenant's user is not promoted. Two replicas starting at once create it only once.
 */
export async function bootstrapSuperAdmin(
  db: Db,
  input: BootstrapSuperAdminInput,
): Promise<BootstrapSuperAdminResult> {
  const email = input.email.toLowerCase();
  return withPlatform(db, async (trx) => {
    const existing = await trx
      .selectFrom("users")
      .select("role")
      .where("email", "=", email)
      .executeTakeFirst();
    if (existing) {
      return existing.role === "super_admin"
        ? { outcome: "exists", email }
        : { outcome: "taken_by_tenant_user", email };
    }
    const password = input.password ?? randomBytes(18).toString("base64url");
    const created = await trx
      .insertInto("users")
      .values({
        tenant_id: null,
        email,
        name: input.name ?? "Platform operator",
        password_hash: await hashPassword(password),
        role: "super_admin",
      })
      .onConflict((conflict) => conflict.column("email").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!created) return { outcome: "exists", email };
    return { outcome: "created", email, password, generated: input.password === undefined };
  });
}

/** Whether any platform operator exists (the platform console is unreachable without one). */
export async function hasSuperAdmin(db: Db): Promise<boolean> {
  const row = await withPlatform(db, (trx) =>
    trx.selectFrom("users").select("id").where("role", "=", "super_admin").limit(1).executeTakeFirst(),
  );
  return row !== undefined;
}
