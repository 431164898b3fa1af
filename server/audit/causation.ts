import { automationFunctions } from "../automation/functions";
import { runsTriggeredBy } from "../automation/queries";
import type { Executor } from "../db";
import { AppError } from "../errors";
import type { Role } from "../roles";
import { readsAuditLog, readsHistoryOf } from "./access";
import { buildChainTree } from "./chain-tree";
import { causeEvents, chainEventCount, chainEvents, chainRootOf } from "./queries";
import { type AuditEntry, type AuditEventItem, type CausalChain, CHAIN_EVENT_LIMIT } from "./schemas";
import { resolveSubjects } from "./subjects";

/** Function names by the id runs and events record, for the functions the app serves. */
function functionNames(): (functionId: string | null) => string | null {
  const names = new Map(automationFunctions().map((fn) => [fn.id, fn.name]));
  return (functionId) => (functionId ? (names.get(functionId) ?? null) : null);
}

/**
 * Says why each entry of a page happened: the cause event's name, actor, record and time, read in
 * one query for the whole page, and the function that handled it. A cause about an audit-only
 * record (a user, the tenant) stays hidden from those who do not read the audit log; only they
 * may open the whole chain.
 */
export async function describeCauses<T extends AuditEventItem>(
  db: Executor,
  tenantId: string,
  role: Role,
  items: readonly T[],
): Promise<Array<T & Pick<AuditEntry, "cause">>> {
  const causeIds = items.flatMap((item) => (item.causedBy ? [item.causedBy.eventId] : []));
  const causes = await causeEvents(db, tenantId, causeIds);
  const nameOf = functionNames();
  const readsAll = readsAuditLog(role);
  return items.map((item) => {
    if (!item.causedBy) return { ...item, cause: null };
    const event = causes.get(item.causedBy.eventId) ?? null;
    return {
      ...item,
      cause: {
        functionName: nameOf(item.causedBy.functionId),
        event: event && readsHistoryOf(role, event.entity.type) ? event : null,
        canOpenChain: readsAll,
      },
    };
  });
}

/**
 * The whole chain an event belongs to, as a tree from its root: each event with the function runs
 * it triggered and the events each run emitted. At most CHAIN_EVENT_LIMIT events (a big import is
 * one chain of thousands); `eventCount` says how many there are, so the page can say it was cut.
 */
export async function readCausalChain(db: Executor, tenantId: string, eventId: string): Promise<CausalChain> {
  const rootId = await chainRootOf(db, tenantId, eventId);
  const events = rootId ? await chainEvents(db, tenantId, rootId, CHAIN_EVENT_LIMIT + 1) : [];
  const shown = await resolveSubjects(db, tenantId, events.slice(0, CHAIN_EVENT_LIMIT));
  const functionIds = new Set(automationFunctions().map((fn) => fn.id));
  for (const item of shown) if (item.causedBy?.functionId) functionIds.add(item.causedBy.functionId);
  const runs = await runsTriggeredBy(
    db,
    tenantId,
    shown.map((item) => item.id),
    [...functionIds],
  );
  const root = buildChainTree(shown, runs, functionNames());
  if (!root || !rootId)
    throw new AppError("NOT_FOUND", "This event is not in your organization's audit log.");
  const cut = events.length > CHAIN_EVENT_LIMIT;
  return {
    root,
    eventCount: cut ? await chainEventCount(db, tenantId, rootId) : shown.length,
    shown: shown.length,
    limit: CHAIN_EVENT_LIMIT,
  };
}
