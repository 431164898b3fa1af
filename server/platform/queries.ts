import { sql } from "kysely";
import type { Executor } from "../db";
import type { FailingIntegration, TenantListItem } from "./schemas";

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

/**
 * Every enabled integration, of any tenant, whose latest finished sync failed, most recent first:
 * the platform operator hears of broken connections without an account in each tenant. A later
 * successful sync takes it off the list.
 */
export async function failingIntegrations(db: Executor): Promise<FailingIntegration[]> {
  const { rows } = await sql<{
    tenant_id: string;
    tenant_name: string;
    integration_id: string;
    integration_name: string;
    provider: string;
    status: string;
    error: string | null;
    finished_at: Date;
  }>`
    select * from (
      select distinct on (r.integration_id)
             t.id as tenant_id, t.name as tenant_name, i.id as integration_id,
             i.name as integration_name, i.provider, r.status, r.error, r.finished_at
        from integration_runs r
        join integrations i on i.id = r.integration_id and i.tenant_id = r.tenant_id
        join tenants t on t.id = r.tenant_id
       where r.finished_at is not null and i.enabled
       order by r.integration_id, r.finished_at desc
    ) latest
    where latest.status = 'failed'
    order by latest.finished_at desc
    limit 200`.execute(db);
  return rows.map((row) => ({
    tenantId: row.tenant_id,
    tenantName: row.tenant_name,
    integrationId: row.integration_id,
    integrationName: row.integration_name,
    provider: row.provider,
    error: row.error ?? "The sync failed without an error message.",
    failedAt: new Date(row.finished_at),
  }));
}
