import { z } from "zod";
import { can } from "../../roles";
import { router, tenantProcedure } from "../../trpc";
import { archiveProcedures } from "../archive";
import { IdInput, ListInput } from "../schemas";
import { listStatuses } from "./queries";
import { CreateStatusInput, StatusListItem, StatusRef, UpdateStatusInput } from "./schemas";
import { createStatus } from "./services/create-status";
import { deleteStatus } from "./services/delete-status";
import { setDefaultStatus } from "./services/set-default-status";
import { updateStatus } from "./services/update-status";

const manage = tenantProcedure(can.manageAssets);

export const statusesProcedure = tenantProcedure(can.readTenant)
  .input(ListInput)
  .output(z.array(StatusListItem))
  .query(({ ctx, input }) => listStatuses(ctx.db, ctx.tenantId, input));

export const statusRouter = router({
  create: manage
    .input(CreateStatusInput)
    .output(StatusRef)
    .mutation(({ ctx, input }) => createStatus(ctx, input)),
  update: manage
    .input(UpdateStatusInput)
    .output(StatusRef)
    .mutation(({ ctx, input }) => updateStatus(ctx, input)),
  setDefault: manage
    .input(IdInput)
    .output(StatusRef)
    .mutation(({ ctx, input }) => setDefaultStatus(ctx, input)),
  delete: manage
    .input(IdInput)
    .output(z.object({ id: z.string(), label: z.string() }))
    .mutation(({ ctx, input }) => deleteStatus(ctx, input)),
  ...archiveProcedures("statuses"),
});
