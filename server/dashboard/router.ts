import { z } from "zod";
import { can, router, tenantProcedure } from "../trpc";
import { dashboardSummary } from "./queries";

const Summary = z.object({
  usersByRole: z.record(z.string(), z.number()),
  departments: z.number(),
  locations: z.number(),
  activity: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      actorLabel: z.string().nullable(),
      occurredAt: z.date(),
      data: z.unknown(),
    }),
  ),
});

export const dashboardRouter = router({
  summary: tenantProcedure(can.readTenant)
    .output(Summary)
    .query(({ ctx }) => dashboardSummary(ctx.db, ctx.tenantId)),
});
