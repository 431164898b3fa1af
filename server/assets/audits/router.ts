import { z } from "zod";
import { can } from "../../roles";
import { router, tenantProcedure } from "../../trpc";
import { getAuditDetail, listAudits } from "./detail";
import {
  AuditCounts,
  AuditDetail,
  AuditIdInput,
  AuditListItem,
  MoveScannedAssetInput,
  ScanAuditCodeInput,
  ScanResult,
  StartAuditInput,
} from "./schemas";
import { closeAudit } from "./services/close-audit";
import { moveScannedAsset } from "./services/move-scanned-asset";
import { scanAuditCode } from "./services/scan-audit-code";
import { startAudit } from "./services/start-audit";

/** assets.audits.*: physical audits. Staff and auditors read; admins and IT staff count. */
const read = tenantProcedure(can.readTenant);
const write = tenantProcedure(can.manageAssets);

export const assetAuditsRouter = router({
  list: read.output(z.array(AuditListItem)).query(({ ctx }) => listAudits(ctx.db, ctx.tenantId)),
  get: read
    .input(AuditIdInput)
    .output(AuditDetail)
    .query(({ ctx, input }) => getAuditDetail(ctx.db, ctx.tenantId, input.auditId)),
  start: write
    .input(StartAuditInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => startAudit(ctx, input)),
  scan: write
    .input(ScanAuditCodeInput)
    .output(ScanResult)
    .mutation(({ ctx, input }) => scanAuditCode(ctx, input)),
  moveHere: write
    .input(MoveScannedAssetInput)
    .output(z.object({ moved: z.boolean(), tag: z.string() }))
    .mutation(({ ctx, input }) => moveScannedAsset(ctx, input)),
  close: write
    .input(AuditIdInput)
    .output(AuditCounts)
    .mutation(({ ctx, input }) => closeAudit(ctx, input)),
});
