import { z } from "zod";
import type { SessionUser } from "../../context";
import { type Db, withTenant } from "../../db";
import { env } from "../../env";
import { AppError } from "../../errors";
import { withHeavyJob } from "../../heavy-jobs";
import { can } from "../../trpc";
import { labelLayouts, labelSizes } from "../labels/layouts";
import { type LabelAsset, renderLabelSheet } from "../labels/render-label-sheet";
import { assetSortKeys, filteredAssets } from "../list-filter";
import { AssetListInput } from "../list-input";

/** One request prints at most this many labels (100 Avery 5160 sheets). */
export const MAX_LABELS = 3000;

export const PrintAssetLabelsInput = z.object({
  size: z.enum(labelSizes).default("avery-5160"),
  /** The assets to print, in this order; without ids, every asset the list filters match. */
  ids: z
    .array(z.uuid({ error: "ids must be asset ids" }))
    .min(1)
    .max(MAX_LABELS)
    .optional(),
  filters: AssetListInput.omit({ page: true, pageSize: true }).default({ sort: "created", dir: "desc" }),
});
export type PrintAssetLabelsInput = z.input<typeof PrintAssetLabelsInput>;

/** A PDF sheet of labels (QR code to the asset's page, tag, name) for chosen or filtered assets. */
export async function printAssetLabels(
  db: Db,
  user: SessionUser,
  raw: PrintAssetLabelsInput | Record<string, unknown>,
) {
  const { tenantId } = user;
  if (!tenantId || !(can.manageAssets as readonly string[]).includes(user.role)) {
    throw new AppError("FORBIDDEN", "Only admins and IT staff can print asset labels.");
  }
  const parsed = PrintAssetLabelsInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      "BAD_REQUEST",
      issue ? `${issue.path.join(".") || "labels"}: ${issue.message}` : "Invalid request",
    );
  }
  const input = parsed.data;
  // One sheet at a time per tenant (seconds of CPU each, see renderLabelSheet): a second request
  // while one renders is refused at once instead of queueing more work.
  return withHeavyJob(tenantId, "asset-labels", async () => {
    const assets: LabelAsset[] = await withTenant(db, tenantId, async (trx) => {
      if (input.ids) {
        const rows = await trx
          .selectFrom("assets")
          .select(["id", "tag", "name"])
          .where("tenant_id", "=", tenantId)
          .where("id", "in", input.ids)
          .execute();
        const byId = new Map(rows.map((row) => [row.id, row]));
        return [...new Set(input.ids)].flatMap((id) => byId.get(id) ?? []);
      }
      const sort = assetSortKeys[input.filters.sort];
      return filteredAssets(trx, tenantId, input.filters)
        .select(["assets.id", "assets.tag", "assets.name"])
        .orderBy(sort.expression, input.filters.dir)
        .orderBy("assets.id", input.filters.dir)
        .limit(MAX_LABELS + 1)
        .execute();
    });
    if (assets.length === 0) throw new AppError("NOT_FOUND", "No assets match; there is nothing to print.");
    if (assets.length > MAX_LABELS) {
      throw new AppError(
        "UNPROCESSABLE",
        `More than ${MAX_LABELS.toLocaleString("en")} assets match; narrow the list to print their labels.`,
      );
    }
    const bytes = await renderLabelSheet(labelLayouts[input.size], assets, env.APP_URL);
    return {
      filename: `asset-labels-${input.size}-${new Date().toISOString().slice(0, 10)}.pdf`,
      bytes,
      count: assets.length,
    };
  });
}
