import type { TenantContext } from "../../context";
import { recordAssetChange } from "../history";
import { assertCanAssign } from "../lifecycle";
import { assignableEmployee, defaultStatusOf, lockAsset, stateOf } from "../queries";
import type { AssignAssetInput } from "../schemas";

/**
 * Gives an in-stock asset to an employee. The asset row is locked first, so of two people
 * assigning the same laptop at once the second sees the first's assignment and is told who holds it.
 */
export async function assignAsset(ctx: TenantContext, input: AssignAssetInput) {
  const asset = await lockAsset(ctx.db, ctx.tenantId, input.assetId);
  assertCanAssign(stateOf(asset));
  const employee = await assignableEmployee(ctx.db, ctx.tenantId, input.employeeId);
  const status = await defaultStatusOf(ctx.db, ctx.tenantId, "assigned");

  const updated = await ctx.db
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
    ctx,
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
