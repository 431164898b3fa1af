import type { Executor } from "../db";
import type { TenantListItem } from "./schemas";

export async function listTenants(db: Executor): Promise<TenantListItem[]> {
  const rows = await db
    .selectFrom("tenants")
    .leftJoin("users", "users.tenant_id", "tenants.id")
    .select((eb) => [
      "tenants.id",
      "tenants.name",
      "tenants.slug",
      "tenants.status",
      "tenants.created_at",
      eb.fn.count<number>("users.id").as("users"),
    ])
    .groupBy("tenants.id")
    .orderBy("tenants.name")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    slug: row.slug,
    status: row.status as TenantListItem["status"],
    users: Number(row.users),
    createdAt: row.created_at,
  }));
}
