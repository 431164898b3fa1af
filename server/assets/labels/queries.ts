import type { z } from "zod";
import type { Executor } from "../../db";
import { assetSortKeys, filteredAssets } from "../list/queries";
import type { LabelAsset } from "./render-label-sheet";
import type { PrintAssetLabelsInput } from "./schemas";

type LabelFilters = z.output<typeof PrintAssetLabelsInput>["filters"];

/** The tenant's assets among `ids`, in the order asked for, each once; ids of no asset are skipped. */
export async function labelAssetsByIds(
  db: Executor,
  tenantId: string,
  ids: readonly string[],
): Promise<LabelAsset[]> {
  const rows = await db
    .selectFrom("assets")
    .select(["id", "tag", "name"])
    .where("tenant_id", "=", tenantId)
    .where("id", "in", ids)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return [...new Set(ids)].flatMap((id) => byId.get(id) ?? []);
}

/** Up to `limit` of the assets the list's filters match, in the list's order. */
export function labelAssetsMatching(
  db: Executor,
  tenantId: string,
  filters: LabelFilters,
  limit: number,
): Promise<LabelAsset[]> {
  const sort = assetSortKeys[filters.sort];
  return filteredAssets(db, tenantId, filters)
    .select(["assets.id", "assets.tag", "assets.name"])
    .orderBy(sort.expression, filters.dir)
    .orderBy("assets.id", filters.dir)
    .limit(limit)
    .execute();
}
