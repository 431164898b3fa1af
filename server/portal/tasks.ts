import { sql } from "kysely";
import { z } from "zod";
import type { Executor } from "../db";

/**
 * A workflow step waiting for the signed-in person: assigned to them by name (a step assigned to a
 * role is staff work, never an employee's), in a workflow still running. What the portal needs to
 * act on it without the staff workflow page: the instructions, the outcomes to choose from,
 * whether it is an approval or needs evidence.
 */
export const PortalTask = z.object({
  stepId: z.string(),
  title: z.string(),
  instructions: z.string(),
  workflowTitle: z.string(),
  status: z.enum(["pending", "rejected"]),
  dueAt: z.date().nullable(),
  overdue: z.boolean(),
  isApproval: z.boolean(),
  needsEvidence: z.boolean(),
  outcomes: z.array(z.string()).nullable(),
});
export type PortalTask = z.infer<typeof PortalTask>;

export async function portalTasks(db: Executor, tenantId: string, userId: string): Promise<PortalTask[]> {
  const rows = await db
    .selectFrom("workflow_steps as s")
    .innerJoin("workflows as w", "w.id", "s.workflow_id")
    .select([
      "s.id",
      "s.title",
      "s.instructions",
      "s.status",
      "s.due_at",
      sql<boolean>`coalesce(s.due_at < now(), false)`.as("overdue"),
      "s.needs_approval",
      "s.needs_evidence",
      "s.outcomes",
      "w.title as workflowTitle",
    ])
    .where("s.tenant_id", "=", tenantId)
    .where("w.tenant_id", "=", tenantId)
    .where("s.assignee_user_id", "=", userId)
    .where("s.status", "in", ["pending", "rejected"])
    .where("w.status", "in", ["pending", "in_progress", "blocked"])
    .orderBy(sql`s.due_at nulls last`)
    .orderBy("s.position")
    .limit(100)
    .execute();
  return rows.map((row) => ({
    stepId: row.id,
    title: row.title,
    instructions: row.instructions,
    workflowTitle: row.workflowTitle,
    status: row.status as PortalTask["status"],
    dueAt: row.due_at ? new Date(row.due_at) : null,
    overdue: Boolean(row.overdue),
    isApproval: row.needs_approval !== null,
    needsEvidence: row.needs_evidence,
    outcomes: row.outcomes,
  }));
}
