import { z } from "zod";
import { can } from "../../roles";
import { router, tenantProcedure } from "../../trpc";
import { linkedEmployee } from "../queries";
import { listRequests, requestableCategories, requestsOf } from "./queries";
import {
  ApproveRequestInput,
  DeclineRequestInput,
  EquipmentRequest,
  ListRequestsInput,
  RequestAnswer,
  RequestableCategory,
  RequestIdInput,
  RequestPage,
  SubmitRequestInput,
} from "./schemas";
import { approveRequest, declineRequest } from "./services/decide-request";
import { submitRequest } from "./services/submit-request";
import { withdrawRequest } from "./services/withdraw-request";

const mine = tenantProcedure(can.everyone);
const ask = tenantProcedure(can.answerForOwnEquipment);

/**
 * Equipment requests: the employee's side (their own, from the session: categories, mine, submit,
 * withdraw) and IT staff's queue (list, approve, decline).
 */
export const requestsRouter = router({
  categories: mine
    .output(z.array(RequestableCategory))
    .query(({ ctx }) => requestableCategories(ctx.db, ctx.tenantId)),
  mine: mine
    .output(z.object({ linked: z.boolean(), items: z.array(EquipmentRequest) }))
    .query(async ({ ctx }) => {
      const me = await linkedEmployee(ctx.db, ctx.tenantId, ctx.user.id);
      return me
        ? { linked: true, items: await requestsOf(ctx.db, ctx.tenantId, me.id) }
        : { linked: false, items: [] };
    }),
  submit: ask
    .input(SubmitRequestInput)
    .output(RequestAnswer)
    .mutation(({ ctx, input }) => submitRequest(ctx, input)),
  withdraw: ask
    .input(RequestIdInput)
    .output(RequestAnswer)
    .mutation(({ ctx, input }) => withdrawRequest(ctx, input)),
  list: tenantProcedure(can.readTenant)
    .input(ListRequestsInput)
    .output(RequestPage)
    .query(({ ctx, input }) => listRequests(ctx.db, ctx.tenantId, input)),
  approve: tenantProcedure(can.manageAssets)
    .input(ApproveRequestInput)
    .output(RequestAnswer)
    .mutation(({ ctx, input }) => approveRequest(ctx, input)),
  decline: tenantProcedure(can.manageAssets)
    .input(DeclineRequestInput)
    .output(RequestAnswer)
    .mutation(({ ctx, input }) => declineRequest(ctx, input)),
});
