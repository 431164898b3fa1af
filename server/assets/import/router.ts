import { z } from "zod";
import { can } from "../../roles";
import { router, tenantProcedure } from "../../trpc";
import { getImport, importProblemsPage, listImports } from "./queries";
import {
  AssetImportIdInput,
  AssetImportListItem,
  AssetImportProblemsInput,
  AssetImportProblemsPage,
  AssetImportView,
  ConfirmAssetImportInput,
  UploadAssetImportInput,
  ValidateAssetImportInput,
} from "./schemas";
import { cancelAssetImport } from "./services/cancel-asset-import";
import { confirmAssetImport } from "./services/confirm-asset-import";
import { uploadAssetImport } from "./services/upload-asset-import";
import { validateAssetImport } from "./services/validate-asset-import";

/**
 * assets.import.*: CSV import (upload -> mapping + dry run -> confirm -> progress), and cancelling
 * one that has not finished. Admins and IT staff.
 */
const write = tenantProcedure(can.manageAssets);

export const assetImportRouter = router({
  list: write
    .output(z.array(AssetImportListItem))
    .query(({ ctx }) => listImports(ctx.db, ctx.tenantId, "assets")),
  get: write
    .input(AssetImportIdInput)
    .output(AssetImportView)
    .query(({ ctx, input }) => getImport(ctx.db, ctx.tenantId, input.importId)),
  problems: write
    .input(AssetImportProblemsInput)
    .output(AssetImportProblemsPage)
    .query(({ ctx, input }) => importProblemsPage(ctx.db, ctx.tenantId, input)),
  upload: write
    .input(UploadAssetImportInput)
    .output(AssetImportView)
    .mutation(({ ctx, input }) => uploadAssetImport(ctx, input)),
  validate: write
    .input(ValidateAssetImportInput)
    .output(AssetImportView)
    .mutation(({ ctx, input }) => validateAssetImport(ctx, input)),
  confirm: write
    .input(ConfirmAssetImportInput)
    .output(AssetImportView)
    .mutation(({ ctx, input }) => confirmAssetImport(ctx, input)),
  cancel: write
    .input(AssetImportIdInput)
    .output(AssetImportView)
    .mutation(({ ctx, input }) => cancelAssetImport(ctx, input)),
});
