import { z } from "zod";
import { can } from "../roles";
import { router, tenantProcedure } from "../trpc";
import { agentCheckIns, assetActivity, assetOverview, dashboardSummary } from "./queries";
import { AgentCheckIns, AssetActivityWeek, AssetOverview, DashboardSummary } from "./schemas";

const read = tenantProcedure(can.readTenant);

/** Four procedures, not one: the page asks for them at once, so their queries run side by side. */
export const dashboardRouter = router({
  summary: read
    .output(DashboardSummary)
    .query(({ ctx }) => dashboardSummary(ctx.db, ctx.tenantId, ctx.user.id)),
  /** Asset counts by status and category, warranty deadlines, purchase cost and book value. */
  assets: read.output(AssetOverview).query(({ ctx }) => assetOverview(ctx.db, ctx.tenantId)),
  /** Assignments, returns, repairs and retirements per week over the last 12 weeks. */
  activity: read.output(z.array(AssetActivityWeek)).query(({ ctx }) => assetActivity(ctx.db, ctx.tenantId)),
  /** Devices whose agent has not checked in for the tenant's stale days, and devices to review. */
  agent: read.output(AgentCheckIns).query(({ ctx }) => agentCheckIns(ctx.db, ctx.tenantId)),
});
