import type { TenantContext } from "../../context";
import { assertSelectable } from "../../reference/selectable";
import { recordAssetChange } from "../history";
import { assertCanReturn } from "../lifecycle";
import { defaultStatusOf, lockAsset, stateOf } from "../queries";
import type { ReturnAssetInput } from "../schemas";

/** The holder hands the asset back: it goes to stock, or to repair when it came back damaged. */
export async function returnAsset(ctx: TenantContext, input: ReturnAssetInput) {
  const asset = await lockAsset(ctx.db, ctx.tenantId, input.assetId);
  assertCanReturn(stateOf(asset));
  // The location someone picks is checked like every other reference: a foreign key alone would
  // accept another tenant's location (constraint checks do not apply row-level security).
  if (input.locationId)
    await assertSelectable(ctx.db, ctx.tenantId, "locations", input.locationId, "location");
  const status = await defaultStatusOf(ctx.db, ctx.tenantId, input.toKind);
  const holderId = asset.employee_id ?? "";

  const updated = await ctx.db
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
    ctx,
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
      data: { tag: asset.tag, employeeId: holderId, condition: input.condition, toStatus: status.label },
    },
  );
  return { ...updated, status: status.label };
}
