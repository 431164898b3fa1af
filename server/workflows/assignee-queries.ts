import type { Executor } from "../db";
import type { TenantRole } from "../roles";

/** Who a step can be reassigned to: the organization's active accounts, by name. */
export async function assignableUsers(db: Executor, tenantId: string) {
  const rows = await db
    .selectFrom("users")
    .select(["id", "name", "email", "role"])
    .where("tenant_id", "=", tenantId)
    .where("status", "=", "active")
    .orderBy("name")
    .limit(500)
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, email: row.email, role: row.role as TenantRole }));
}
