import { z } from "zod";
import type { Executor } from "../db";
import { listEmployeeTimeline } from "../employees/timeline";
import { can, type Role } from "../roles";
import { router, tenantProcedure, tenantProcedurePerRead } from "../trpc";
import { assertCanReadTimeline, readsHistoryOf } from "./access";
import { describeCauses, readCausalChain } from "./causation";
import { auditFacets, listAuditEvents, listEntityTimeline } from "./queries";
import {
  AuditEntryPage,
  AuditFacets,
  AuditListInput,
  AuditLogEntry,
  CausalChain,
  ChainInput,
  ChainVerification,
  EventSubject,
  SubjectInput,
  TimelineInput,
} from "./schemas";
import { verifyTenantAuditChain } from "./services/verify-audit-chain";
import { nameSubject, resolveRecordFilter, resolveSubjects } from "./subjects";

export const auditRouter = router({
  list: tenantProcedure(can.audit)
    .input(AuditListInput)
    .output(AuditEntryPage)
    .query(async ({ ctx, input }) => {
      const page = await listAuditEvents(ctx.db, ctx.tenantId, {
        ...(await resolveRecordFilter(ctx.db, ctx.tenantId, input)),
        cursor: input.cursor,
        limit: input.limit,
      });
      const items = await describeCauses(ctx.db, ctx.tenantId, ctx.user.role, page.items);
      return { ...page, items: await resolveSubjects(ctx.db, ctx.tenantId, items) };
    }),
  facets: tenantProcedure(can.audit)
    .output(AuditFacets)
    .query(({ ctx }) => auditFacets(ctx.db, ctx.tenantId)),
  /** The record the log is filtered to, named for its heading ("Timeline of AST-000123 · MacBook Air"). */
  subject: tenantProcedure(can.audit)
    .input(SubjectInput)
    .output(EventSubject)
    .query(({ ctx, input }) =>
      nameSubject(ctx.db, ctx.tenantId, { type: input.entityType, id: input.entityId }),
    ),
  /**
   * Embedded on asset, employee and workflow pages, so everyone who reads the tenant sees those;
   * audit-only records (users, the tenant...) stay with those who read the audit log.
   */
  timeline: tenantProcedure(can.readTenant)
    .input(TimelineInput)
    .output(z.array(AuditLogEntry))
    .query(async ({ ctx, input }) => {
      assertCanReadTimeline(ctx.user.role, input.entityType);
      const items = await timelineOf(ctx.db, ctx.tenantId, ctx.user.role, input);
      const described = await describeCauses(ctx.db, ctx.tenantId, ctx.user.role, items);
      return resolveSubjects(ctx.db, ctx.tenantId, described);
    }),
  /** "Why did the system do this?": the whole chain of an event, from its root, as a tree. */
  chain: tenantProcedure(can.audit)
    .input(ChainInput)
    .output(CausalChain)
    .query(({ ctx, input }) => readCausalChain(ctx.db, ctx.tenantId, input.eventId)),
  /** Reads the whole log: in batches, each in its own transaction, one run per tenant at a time. */
  verify: tenantProcedurePerRead(can.audit)
    .output(ChainVerification)
    .query(({ ctx }) => verifyTenantAuditChain(ctx.db, ctx.tenantId)),
});

/**
 * A record's history. A person's also holds the events that name them (their equipment's), less
 * those about records the reader may not see the history of; each entry names its record.
 */
async function timelineOf(db: Executor, tenantId: string, role: Role, input: TimelineInput) {
  if (input.entityType === "employee") {
    const items = await listEmployeeTimeline(db, tenantId, input.entityId, input.limit);
    return items.filter((item) => readsHistoryOf(role, item.entity.type));
  }
  return listEntityTimeline(db, tenantId, input.entityType, input.entityId, input.limit);
}
