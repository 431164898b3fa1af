import { z } from "zod";
import { can } from "../roles";
import { mergeRouters, router, tenantProcedure } from "../trpc";
import { assetAuditsRouter } from "./audits/router";
import { getAssetDetail, getAssetHistory } from "./detail";
import { assetImportRouter } from "./import/router";
import { assetListRouter } from "./list/router";
import { AssetDetail, AssetHistoryEntry } from "./output";
import {
  AssetChangeResult,
  AssetIdInput,
  AssignAssetInput,
  BulkAssetActionInput,
  BulkAssetActionResult,
  ChangeAssetStatusInput,
  CreateAssetInput,
  RecordMaintenanceInput,
  ReturnAssetInput,
  TransferAssetInput,
  UpdateAssetInput,
} from "./schemas";
import { assignAsset } from "./services/assign-asset";
import { bulkAssetAction } from "./services/bulk-asset-action";
import { changeAssetStatus } from "./services/change-asset-status";
import { createAsset } from "./services/create-asset";
import { recordMaintenance } from "./services/record-maintenance";
import { returnAsset } from "./services/return-asset";
import { transferAsset } from "./services/transfer-asset";
import { updateAsset } from "./services/update-asset";

const read = tenantProcedure(can.readTenant);
const write = tenantProcedure(can.manageAssets);

/** The assets domain's procedures; its sub-domains' routers are nested (import, audits) or merged (list). */
const assetRecordsRouter = router({
  import: assetImportRouter,
  audits: assetAuditsRouter,
  get: read
    .input(AssetIdInput)
    .output(AssetDetail)
    .query(({ ctx, input }) => getAssetDetail(ctx.db, ctx.tenantId, input.assetId)),
  history: read
    .input(AssetIdInput.extend({ limit: z.number().int().min(1).max(500).default(200) }))
    .output(z.array(AssetHistoryEntry))
    .query(({ ctx, input }) => getAssetHistory(ctx.db, ctx.tenantId, input.assetId, input.limit)),
  create: write
    .input(CreateAssetInput)
    .output(AssetChangeResult)
    .mutation(({ ctx, input }) => createAsset(ctx, input)),
  update: write
    .input(UpdateAssetInput)
    .output(z.object({ id: z.string(), tag: z.string(), version: z.number(), changed: z.array(z.string()) }))
    .mutation(({ ctx, input }) => updateAsset(ctx, input)),
  assign: write
    .input(AssignAssetInput)
    .output(AssetChangeResult)
    .mutation(({ ctx, input }) => assignAsset(ctx, input)),
  return: write
    .input(ReturnAssetInput)
    .output(AssetChangeResult)
    .mutation(({ ctx, input }) => returnAsset(ctx, input)),
  transfer: write
    .input(TransferAssetInput)
    .output(AssetChangeResult)
    .mutation(({ ctx, input }) => transferAsset(ctx, input)),
  changeStatus: write
    .input(ChangeAssetStatusInput)
    .output(AssetChangeResult)
    .mutation(({ ctx, input }) => changeAssetStatus(ctx, input)),
  recordMaintenance: write
    .input(RecordMaintenanceInput)
    .output(AssetChangeResult)
    .mutation(({ ctx, input }) => recordMaintenance(ctx, input)),
  /** One action over many assets; each succeeds or fails on its own (see the service). */
  bulk: write
    .input(BulkAssetActionInput)
    .output(BulkAssetActionResult)
    .mutation(({ ctx, input }) => bulkAssetAction(ctx, input)),
});

export const assetsRouter = mergeRouters(assetListRouter, assetRecordsRouter);
