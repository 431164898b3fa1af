import { sql } from "kysely";
import { actingUserId, type TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { lockActiveAssignment, lockLicense } from "../queries";
import type { RevokeLicenseInput } from "../schemas";

type Revocation = { assignmentId: string; licenseId: string; licenseName: string; employeeId: string };

/** Ends one active assignment and records it (who, when, why): the seat is free again. */
export async function revokeAssignment(scope: TenantScope, revocation: Revocation, reason: string) {
  await scope.db
    .updateTable("license_assignments")
    .set({ revoked_at: sql`now()`, revoked_by: actingUserId(scope.actor), revoke_reason: reason })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", revocation.assignmentId)
    .execute();
  await emit(scope, {
    name: "license.revoked",
    entityId: revocation.licenseId,
    data: {
      name: revocation.licenseName,
      employeeId: revocation.employeeId,
      assignmentId: revocation.assignmentId,
      reason,
    },
  });
}

/** Takes an employee's seat of a licence back, with the reason. */
export async function revokeLicense(scope: TenantScope, input: RevokeLicenseInput) {
  const license = await lockLicense(scope.db, scope.tenantId, input.licenseId);
  const assignment = await lockActiveAssignment(scope.db, scope.tenantId, license.id, input.employeeId);
  if (!assignment) {
    throw new AppError(
      "INVALID_TRANSITION",
      `That employee holds no seat of ${license.name} (already revoked?); reload to see its holders.`,
    );
  }
  await revokeAssignment(
    scope,
    {
      assignmentId: assignment.id,
      licenseId: license.id,
      licenseName: license.name,
      employeeId: input.employeeId,
    },
    input.reason,
  );
  return { id: license.id, name: license.name };
}
