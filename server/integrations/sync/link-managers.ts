import { sql } from "kysely";
import type { TenantScope } from "../../context";
import { emitMany } from "../../events/emit";
import type { FieldPolicy } from "../schemas";

const LOOKUP_CHUNK = 1_000;

/**
 * The run's last pass: every person of the integration whose manager (by the provider's id) is
 * known now but not linked — a manager who arrived on a later page than their report — gets
 * linked, one employee.updated each. A manager override is kept under keep_local_edits. Matched
 * here rather than by a self-join: right after a big first sync the table's statistics are stale
 * and the planner would compare every pair of rows.
 */
export async function linkManagers(
  scope: TenantScope,
  integrationId: string,
  policy: FieldPolicy,
): Promise<number> {
  const { db, tenantId } = scope;
  const reports = await db
    .selectFrom("employees")
    .select(["id", "manager_id", "manager_external_id", "overridden_fields"])
    .where("tenant_id", "=", tenantId)
    .where("source_integration_id", "=", integrationId)
    .where("manager_external_id", "is not", null)
    .execute();
  const wanted = [...new Set(reports.map((row) => row.manager_external_id as string))];
  const managers = new Map<string, string>();
  for (let start = 0; start < wanted.length; start += LOOKUP_CHUNK) {
    const rows = await db
      .selectFrom("employees")
      .select(["id", "external_id"])
      .where("tenant_id", "=", tenantId)
      .where("source_integration_id", "=", integrationId)
      .where("external_id", "in", wanted.slice(start, start + LOOKUP_CHUNK))
      .execute();
    for (const row of rows) if (row.external_id) managers.set(row.external_id, row.id);
  }
  const links = reports.flatMap((row) => {
    const after = managers.get(row.manager_external_id as string);
    if (!after || after === row.id || after === row.manager_id) return [];
    if (policy === "keep_local_edits" && row.overridden_fields.includes("managerId")) return [];
    return [{ id: row.id, before: row.manager_id, after }];
  });
  if (links.length === 0) return 0;
  await sql`
    update employees e set manager_id = v.after
    from jsonb_to_recordset(${JSON.stringify(links)}::jsonb) as v(id uuid, after uuid)
    where e.tenant_id = ${tenantId} and e.id = v.id`.execute(db);
  await emitMany(
    scope,
    links.map((link) => ({
      name: "employee.updated" as const,
      entityId: link.id,
      data: { changes: { managerId: { before: link.before, after: link.after } } },
    })),
  );
  return links.length;
}
