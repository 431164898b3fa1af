import type { RunListItem, TriggeredRun } from "../automation/queries";
import type { AuditEventItem, ChainEvent, ChainNode, ChainRun, EventSubject } from "./schemas";

/** A chain's event with the record it is about named (server/audit/subjects.ts). */
type NamedEvent = AuditEventItem & { subject: EventSubject };

const chainEvent = (item: NamedEvent): ChainEvent => ({
  id: item.id,
  seq: item.seq,
  name: item.name,
  actor: item.actor,
  entity: item.entity,
  subject: item.subject,
  data: item.data,
  occurredAt: item.occurredAt,
});

const recordedRun = (run: RunListItem, functionName: string | null): ChainRun => ({
  id: run.id,
  functionId: run.functionId,
  functionName,
  status: run.status,
  error: run.error,
  startedAt: run.startedAt,
  finishedAt: run.finishedAt,
  recorded: true,
  events: [],
});

/**
 * Nests a chain's events (root first, in emission order) under the function runs that emitted
 * them, and each run under the event that triggered it: root -> runs -> events -> runs ... A run
 * the engine recorded carries its status, even when it emitted nothing (a failed run); a run known
 * only from the events it emitted (Inngest's own runs) is grouped by its function and run id. An
 * event whose cause is missing from the events given hangs under the root, so nothing is dropped.
 */
export function buildChainTree(
  events: readonly NamedEvent[],
  runs: readonly TriggeredRun[],
  functionName: (functionId: string | null) => string | null,
): ChainNode | null {
  const [rootItem, ...rest] = events;
  if (!rootItem) return null;
  const nodes = new Map<string, ChainNode>();
  const nodeOf = (item: NamedEvent): ChainNode => {
    const node: ChainNode = { event: chainEvent(item), runs: [] };
    nodes.set(item.id, node);
    return node;
  };
  const root = nodeOf(rootItem);
  for (const item of rest) nodeOf(item);

  const runsById = new Map<string, ChainRun>();
  for (const run of runs) {
    // A batch run hangs under the first of its events in this chain.
    const trigger = run.triggerEventIds.map((id) => nodes.get(id)).find((node) => node !== undefined);
    if (!trigger) continue;
    const node = recordedRun(run, functionName(run.functionId));
    trigger.runs.push(node);
    runsById.set(run.id, node);
  }

  for (const item of rest) {
    const node = nodes.get(item.id);
    if (!node) continue;
    const cause = item.causedBy;
    const parent = (cause && nodes.get(cause.eventId)) || root;
    const runId = cause?.runId ?? null;
    const functionId = cause?.functionId ?? null;
    let run = runId ? runsById.get(runId) : undefined;
    run ??= parent.runs.find(
      (known) => !known.recorded && known.id === runId && known.functionId === functionId,
    );
    if (!run) {
      run = {
        id: runId,
        functionId,
        functionName: functionName(functionId),
        status: null,
        error: null,
        startedAt: null,
        finishedAt: null,
        recorded: false,
        events: [],
      };
      parent.runs.push(run);
      if (runId) runsById.set(runId, run);
    }
    run.events.push(node);
  }
  return root;
}
