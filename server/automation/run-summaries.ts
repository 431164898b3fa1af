import { causeEvents } from "../audit/queries";
import { resolveSubjects } from "../audit/subjects";
import type { Executor } from "../db";
import type { RunListItem } from "./queries";
import type { RunSummary } from "./schemas";

/**
 * Says what each run was about, in the words of the audit log: its trigger event's record
 * ("Import of assets.csv", "AST-000123 · MacBook Air") and who caused it, for a whole page of
 * runs in one read of the trigger events and one per kind of record.
 */
export async function summarizeRuns(
  db: Executor,
  tenantId: string,
  runs: readonly RunListItem[],
): Promise<RunSummary[]> {
  const triggers = await causeEvents(
    db,
    tenantId,
    runs.map((run) => run.triggerEventId),
  );
  const named = await resolveSubjects(
    db,
    tenantId,
    [...triggers].map(([id, event]) => ({ id, entity: event.entity, data: {}, actor: event.actor })),
  );
  const byId = new Map(named.map((event) => [event.id, event]));
  return runs.map((run) => {
    const trigger = byId.get(run.triggerEventId);
    return {
      ...run,
      trigger: trigger ? { subject: trigger.subject, actorLabel: trigger.actor.label } : null,
    };
  });
}
