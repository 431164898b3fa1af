import { can } from "../../roles";
import { router, tenantProcedure } from "../../trpc";
import { listAssets } from "./queries";
import { AssetListInput, AssetListPage } from "./schemas";

/** The asset list's procedure, merged into the assets router as `assets.list`. */
export const assetListRouter = router({
  list: tenantProcedure(can.readTenant)
    .input(AssetListInput)
    .output(AssetListPage)
    .query(({ ctx, input }) => listAssets(ctx.db, ctx.tenantId, input)),
});
