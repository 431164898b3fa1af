import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { isPastDay } from "../../schemas/calendar";
import { recordAssetChange } from "../history";
import { assertCanAssign } from "../lifecycle";
import { assignableEmployee, defaultStatusOf, lockAsset, stateOf } from "../queries";
import type { AssignAssetInput } from "../schemas";

/**
 * Gives an in-stock asset to an employee. The asset row is locked first, so of two people
 * assigning the same laptop at once the second sees the first's assignment and is told who holds it.
 */
export async function assignAsset(scope: TenantScope, input: AssignAssetInput) {
  if (input.expectedReturnAt && isPastDay(input.expectedReturnAt, input.timeZone)) {
    throw new AppError(
      "BAD_REQUEST",
      `Expected return (${input.expectedReturnAt}) has already passed; choose today or a later day.`,
      { field: "expectedReturnAt" },
    );
  }
  const asset = await lockAsset(scope.db, scope.tenantId, input.assetId);
  assertCanAssign(stateOf(asset));
  const employee = await assignableEmployee(scope.db, scope.tenantId, input.employeeId);
  const status = await defaultStatusOf(scope.db, scope.tenantId, "assigned");

  const updated = await scope.db
    .updateTable("assets")
    .set((eb) => ({
      status_id: status.id,
      employee_id: employee.id,
      expected_return_at: input.expectedReturnAt ?? null,
      version: eb("version", "+", 1),
    }))
    .where("id", "=", asset.id)
    .returning(["id", "tag", "version"])
    .executeTakeFirstOrThrow();
  await recordAssetChange(
    scope,
    {
      assetId: asset.id,
      type: "assignment",
      fromStatusId: asset.status_id,
      toStatusId: status.id,
      toEmployeeId: employee.id,
      notes: input.notes,
    },
    {
      name: "asset.assigned",
      data: { tag: asset.tag, employeeId: employee.id, expectedReturnAt: input.expectedReturnAt ?? null },
    },
  );
  return { ...updated, status: status.label };
}
