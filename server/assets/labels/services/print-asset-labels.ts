import { renderLabelSheetInBackground } from "../../../background-thread";
import type { SessionUser } from "../../../context";
import { type Db, withTenant } from "../../../db";
import { env } from "../../../env";
import { AppError } from "../../../errors";
import { withHeavyJob } from "../../../heavy-jobs";
import { can, hasRole } from "../../../roles";
import { labelLayouts } from "../layouts";
import { labelAssetsByIds, labelAssetsMatching } from "../queries";
import { MAX_LABELS, PrintAssetLabelsInput } from "../schemas";

/** A PDF sheet of labels (QR code to the asset's page, tag, name) for chosen or filtered assets. */
export async function printAssetLabels(
  db: Db,
  user: SessionUser,
  raw: PrintAssetLabelsInput | Record<string, unknown>,
) {
  const { tenantId } = user;
  if (!tenantId || !hasRole(user.role, can.manageAssets)) {
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
    // One more than the cap is read, to tell "too many" from "exactly the cap".
    const assets = await withTenant(db, tenantId, (trx) =>
      input.ids
        ? labelAssetsByIds(trx, tenantId, input.ids)
        : labelAssetsMatching(trx, tenantId, input.filters, MAX_LABELS + 1),
    );
    if (assets.length === 0) throw new AppError("NOT_FOUND", "No assets match; there is nothing to print.");
    if (assets.length > MAX_LABELS) {
      throw new AppError(
        "UNPROCESSABLE",
        `More than ${MAX_LABELS.toLocaleString("en")} assets match; narrow the list to print their labels.`,
      );
    }
    const bytes = await renderLabelSheetInBackground(labelLayouts[input.size], assets, env.APP_URL);
    return {
      filename: `asset-labels-${input.size}-${new Date().toISOString().slice(0, 10)}.pdf`,
      bytes,
      count: assets.length,
    };
  });
}
