import { z } from "zod";
import { can, router, tenantProcedure } from "../trpc";
import { assertCanReadTimeline } from "./access";
import { auditFacets, listAuditEvents, listEntityTimeline } from "./queries";
import {
  AuditEventItem,
  AuditFacets,
  AuditListInput,
  AuditPage,
  ChainVerification,
  TimelineInput,
} from "./schemas";
import { verifyAuditChain } from "./services/verify-audit-chain";

export const auditRouter = router({
  list: tenantProcedure(can.audit)
    .input(AuditListInput)
    .output(AuditPage)
    .query(({ ctx, input }) => listAuditEvents(ctx.db, ctx.tenantId, input)),
  facets: tenantProcedure(can.audit)
    .output(AuditFacets)
    .query(({ ctx }) => auditFacets(ctx.db, ctx.tenantId)),
  /**
   * Embedded on asset, employee and workflow pages, so everyone who reads the tenant sees those;
   * audit-only records (users, the tenant...) stay with those who read the audit log.
   */
  timeline: tenantProcedure(can.readTenant)
    .input(TimelineInput)
    .output(z.array(AuditEventItem))
    .query(({ ctx, input }) => {
      assertCanReadTimeline(ctx.user.role, input.entityType);
      return listEntityTimeline(ctx.db, ctx.tenantId, input.entityType, input.entityId, input.limit);
    }),
  verify: tenantProcedure(can.audit)
    .output(ChainVerification)
    .query(({ ctx }) => verifyAuditChain(ctx.db, ctx.tenantId)),
});
