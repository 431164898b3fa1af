import { z } from "zod";
import { can } from "../roles";
import { router, tenantProcedure } from "../trpc";
import { currentReceiptOf } from "./queries";
import { receiptsRouter } from "./receipts/router";
import { requestsRouter } from "./requests/router";
import {
  AssetChangeAnswer,
  DeclineReceiptInput,
  MyAssetDetail,
  MyAssetInput,
  MyEquipment,
  ReceiptState,
  ReportProblemInput,
} from "./schemas";
import { declineReceipt } from "./services/decline-receipt";
import { myAsset, myEquipment } from "./services/my-equipment";
import { reportProblem } from "./services/report-problem";
import { PortalTask, portalTasks } from "./tasks";
import { termsRouter } from "./terms-admin/router";

const mine = tenantProcedure(can.everyone);
const answer = tenantProcedure(can.answerForOwnEquipment);

/**
 * The self-service portal. Every procedure but `receiptOf` acts for the signed-in person's own
 * employee record, found from the session; no input names an employee. Accepting a receipt is a
 * route handler (app/api/portal/receipts), which sees the request's IP address and user agent.
 */
export const portalRouter = router({
  myEquipment: mine.output(MyEquipment).query(({ ctx }) => myEquipment(ctx)),
  myAsset: mine
    .input(MyAssetInput)
    .output(MyAssetDetail)
    .query(({ ctx, input }) => myAsset(ctx, input)),
  declineReceipt: answer
    .input(DeclineReceiptInput)
    .output(z.object({ assetId: z.string(), tag: z.string() }))
    .mutation(({ ctx, input }) => declineReceipt(ctx, input)),
  reportProblem: answer
    .input(ReportProblemInput)
    .output(AssetChangeAnswer)
    .mutation(({ ctx, input }) => reportProblem(ctx, input)),
  /** IT staff's view of an asset's receipt: pending, accepted (with the PDF) or declined. */
  receiptOf: tenantProcedure(can.readTenant)
    .input(MyAssetInput)
    .output(ReceiptState)
    .query(({ ctx, input }) => currentReceiptOf(ctx.db, ctx.tenantId, input.assetId)),
  /** Workflow steps assigned to me by name; acted on through workflows.completeStep / approveStep. */
  myTasks: mine
    .output(z.array(PortalTask))
    .query(({ ctx }) => portalTasks(ctx.db, ctx.tenantId, ctx.user.id)),
  requests: requestsRouter,
  receipts: receiptsRouter,
  terms: termsRouter,
});
