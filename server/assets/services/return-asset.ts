import type { TenantScope } from "../../context";
import { assertSelectable } from "../../reference/selectable";
import { recordAssetChange } from "../history";
import { assertCanReturn } from "../lifecycle";
import { defaultStatusOf, lockAsset, stateOf } from "../queries";
import type { ReturnAssetInput } from "../schemas";

/** The holder hands the asset back: it goes to stock, or to repair when it came back damaged. */
export async function returnAsset(scope: TenantScope, input: ReturnAssetInput) {
  const asset = await lockAsset(scope.db, scope.tenantId, input.assetId);
  assertCanReturn(stateOf(asset));
  // The location someone picks is checked like every other reference: a foreign key alone would
  // accept another tenant's location (constraint checks do not apply row-level security).
  if (input.locationId)
    await assertSelectable(scope.db, scope.tenantId, "locations", input.locationId, "location");
  const status = await defaultStatusOf(scope.db, scope.tenantId, input.toKind);
  const holderId = asset.employee_id ?? "";

  const updated = await scope.db
    .updateTable("assets")
    .set((eb) => ({
      status_id: status.id,
      employee_id: null,
      expected_return_at: null,
      location_id: input.locationId ?? asset.location_id,
      version: eb("version", "+", 1),
    }))
    .where("id", "=", asset.id)
    .returning(["id", "tag", "version"])
    .executeTakeFirstOrThrow();
  await recordAssetChange(
    scope,
    {
      assetId: asset.id,
      type: "return",
      fromStatusId: asset.status_id,
      toStatusId: status.id,
      fromEmployeeId: asset.employee_id,
      fromLocationId: asset.location_id,
      toLocationId: input.locationId ?? asset.location_id,
      condition: input.condition,
      notes: input.notes,
    },
    {
      name: "asset.returned",
      data: {
        tag: asset.tag,
        employeeId: holderId,
        condition: input.condition,
        toStatus: status.label,
        toKind: input.toKind,
      },
    },
  );
  return { ...updated, status: status.label };
}
