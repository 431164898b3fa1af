import { can } from "../../roles";
import { router, tenantProcedure } from "../../trpc";
import { pendingReceipts } from "./queries";
import { PendingReceiptPage, PendingReceiptsInput, ReminderAnswer, RemindReceiptInput } from "./schemas";
import { remindReceipt } from "./services/remind-receipt";

/** IT staff's side of receipts: the unanswered ones, and "Remind now". */
export const receiptsRouter = router({
  pending: tenantProcedure(can.readTenant)
    .input(PendingReceiptsInput)
    .output(PendingReceiptPage)
    .query(({ ctx, input }) => pendingReceipts(ctx.db, ctx.tenantId, input)),
  remind: tenantProcedure(can.manageAssets)
    .input(RemindReceiptInput)
    .output(ReminderAnswer)
    .mutation(async ({ ctx, input }) => {
      const reminded = await remindReceipt(ctx, { assetId: input.assetId, via: "manual" });
      // a manual reminder either sends or throws; null is the schedule's quiet skip
      if (!reminded) throw new Error("A manual reminder neither sent nor refused");
      return reminded;
    }),
});
