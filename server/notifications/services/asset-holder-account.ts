import type { TenantScope } from "../../context";

/**
 * What a notification about an employee's asset needs: the asset's name, the employee's account
 * (none: nobody to tell) and where the link takes them: the portal for employees, the asset's page
 * for staff who also hold equipment. The event names the employee, since the asset may no longer.
 */
export async function assetHolderAccount(scope: TenantScope, assetId: string, employeeId: string) {
  const row = await scope.db
    .selectFrom("assets as a")
    .innerJoin("employees as e", (join) => join.onRef("e.tenant_id", "=", "a.tenant_id"))
    .innerJoin("users as u", "u.id", "e.user_id")
    .select(["a.name as assetName", "u.id as userId", "u.role"])
    .where("a.tenant_id", "=", scope.tenantId)
    .where("a.id", "=", assetId)
    .where("e.id", "=", employeeId)
    .executeTakeFirst();
  if (!row) return null;
  const link = row.role === "employee" ? "/portal" : `/assets/${assetId}`;
  return { assetName: row.assetName, userId: row.userId, link };
}
