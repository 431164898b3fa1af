import { sql } from "kysely";
import type { TenantScope } from "../../context";
import { isAppError } from "../../errors";
import { logger } from "../../logger";
import { assertSelectable } from "../../reference/selectable";
import { defaultStatusOf, selectableStatus } from "../queries";
import { BulkAssetActionInput, type BulkAssetActionResult } from "../schemas";
import { changeAssetStatus } from "./change-asset-status";
import { moveAsset } from "./move-asset";
import { returnAsset } from "./return-asset";

type ParsedInput = ReturnType<typeof BulkAssetActionInput.parse>;

const applyTo = (scope: TenantScope, input: ParsedInput, assetId: string) => {
  switch (input.action) {
    case "move":
      return moveAsset(scope, { assetId, locationId: input.locationId });
    case "change_status":
      return changeAssetStatus(scope, { assetId, statusId: input.statusId, kind: input.kind });
    case "return":
      return returnAsset(scope, { assetId, condition: input.condition, toKind: input.toKind });
    case "retire":
      return changeAssetStatus(scope, { assetId, kind: "retired" });
  }
};

/** A target every asset would fail on the same way is checked once, and refuses the whole request. */
async function assertTargetUsable(scope: TenantScope, input: ParsedInput) {
  if (input.action === "move")
    await assertSelectable(scope.db, scope.tenantId, "locations", input.locationId, "location");
  if (input.action === "change_status") {
    if (input.statusId) await selectableStatus(scope.db, scope.tenantId, input.statusId);
    else if (input.kind) await defaultStatusOf(scope.db, scope.tenantId, input.kind);
  }
}

/**
 * Applies one action to many assets through the same services the single-asset buttons use, so
 * every lifecycle rule, history entry and event is the same. The request's transaction holds
 * them all; each asset runs inside its own savepoint, so an asset that cannot be processed is
 * rolled back alone (with its history and events) while the others commit. Assets are locked in
 * id order, so two overlapping bulk actions wait for each other instead of deadlocking.
 */
export async function bulkAssetAction(
  scope: TenantScope,
  raw: BulkAssetActionInput,
): Promise<BulkAssetActionResult> {
  const input = BulkAssetActionInput.parse(raw);
  await assertTargetUsable(scope, input);
  const ids = [...new Set(input.assetIds)].sort();
  const rows = await scope.db
    .selectFrom("assets")
    .select(["id", "tag"])
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "in", ids)
    .execute();
  const tags = new Map(rows.map((row) => [row.id, row.tag]));

  const result: BulkAssetActionResult = { succeeded: [], failed: [] };
  for (const id of ids) {
    const tag = tags.get(id);
    if (tag === undefined) {
      result.failed.push({ id, tag: null, reason: "That asset does not exist in this organization." });
      continue;
    }
    await sql`savepoint bulk_item`.execute(scope.db);
    try {
      await applyTo(scope, input, id);
      await sql`release savepoint bulk_item`.execute(scope.db);
      result.succeeded.push({ id, tag });
    } catch (error) {
      await sql`rollback to savepoint bulk_item`.execute(scope.db);
      await sql`release savepoint bulk_item`.execute(scope.db);
      if (!isAppError(error)) {
        logger.error("bulk asset action failed on one asset", {
          requestId: scope.requestId,
          action: input.action,
          assetId: id,
          error,
        });
      }
      result.failed.push({
        id,
        tag,
        reason: isAppError(error)
          ? error.message
          : `Something went wrong on our side; ${tag} was left unchanged (reference ${scope.requestId}).`,
      });
    }
  }
  const byTag = (a: { tag: string | null }, b: { tag: string | null }) =>
    (a.tag ?? "").localeCompare(b.tag ?? "", "en", { numeric: true });
  result.succeeded.sort(byTag);
  result.failed.sort(byTag);
  return result;
}
