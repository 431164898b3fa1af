import type { TenantScope } from "../../context";
import type { RevokeEmployeeLicensesInput } from "../schemas";
import { revokeAssignment } from "./revoke-license";

/**
 * Revokes every licence an employee holds (offboarding), each with its own event. The licences are
 * locked in id order, as any other multi-licence change would lock them, so two of these never
 * wait on each other. Returns how many seats were revoked.
 */
export async function revokeEmployeeLicenses(scope: TenantScope, input: RevokeEmployeeLicensesInput) {
  const held = await scope.db
    .selectFrom("license_assignments as la")
    .innerJoin("licenses as l", "l.id", "la.license_id")
    .select(["la.license_id", "l.name"])
    .where("la.tenant_id", "=", scope.tenantId)
    .where("la.employee_id", "=", input.employeeId)
    .where("la.revoked_at", "is", null)
    .orderBy("la.license_id")
    .execute();
  if (held.length === 0) return { revoked: 0 };
  await scope.db
    .selectFrom("licenses")
    .select("id")
    .where("tenant_id", "=", scope.tenantId)
    .where(
      "id",
      "in",
      held.map((row) => row.license_id),
    )
    .orderBy("id")
    .forUpdate()
    .execute();
  // Re-read under the locks: a seat revoked meanwhile by someone else is not revoked twice.
  const active = await scope.db
    .selectFrom("license_assignments as la")
    .innerJoin("licenses as l", "l.id", "la.license_id")
    .select(["la.id", "la.license_id", "l.name"])
    .where("la.tenant_id", "=", scope.tenantId)
    .where("la.employee_id", "=", input.employeeId)
    .where("la.revoked_at", "is", null)
    .orderBy("l.name")
    .execute();
  for (const row of active) {
    await revokeAssignment(
      scope,
      {
        assignmentId: row.id,
        licenseId: row.license_id,
        licenseName: row.name,
        employeeId: input.employeeId,
      },
      input.reason,
    );
  }
  return { revoked: active.length };
}
