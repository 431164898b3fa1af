import { sql } from "kysely";
import { type Db, type Trx, withPlatform } from "@/server/db";
import { parseDuration } from "./durations";
import { compileExpression, type Expression, evaluateCondition } from "./expressions";
import type { EngineFunction } from "./functions";
import { resolveInvocations } from "./invocations";
import type { TriggerEvent } from "./runs";

/** One `cancelOn` entry as the SDK registers it (`cancel` in the config; `match` became `if`). */
type CancelRule = { event: string; if?: string; timeout?: string };
type CompiledRule = { event: string; condition: Expression | null; timeoutMs: number | null };

const UNFINISHED = ["queued", "running", "sleeping"] as const;

const compiled = new WeakMap<EngineFunction, CompiledRule[]>();

/** The function's cancelOn rules, compiled once (supported.ts has checked their expressions and periods). */
function cancelRules(fn: EngineFunction): CompiledRule[] {
  let rules = compiled.get(fn);
  if (!rules) {
    rules = ((fn.config.cancel as CancelRule[] | undefined) ?? []).map((rule) => ({
      event: rule.event,
      condition: rule.if?.trim() ? compileExpression(rule.if.trim()) : null,
      timeoutMs: rule.timeout ? parseDuration(rule.timeout) : null,
    }));
    compiled.set(fn, rules);
  }
  return rules;
}

/** The `timeouts.finish` of a function, as written and in ms, or null. */
function finishTimeout(fn: EngineFunction): { period: string; ms: number } | null {
  const period = (fn.config.timeouts as { finish?: string } | undefined)?.finish;
  const ms = period ? parseDuration(period) : null;
  return period && ms !== null ? { period, ms } : null;
}

/**
 * Ends unfinished runs as cancelled with `reason` as their error: a worker still calling one loses
 * its lease at its next write (the step in flight ends, no further step starts, as with Inngest),
 * its waits go, and a run that was invoked hands a cancellation error to its invoker. Returns the
 * runs it cancelled.
 */
export async function cancelRuns(
  trx: Trx,
  runIds: readonly string[],
  reason: { name: string; message: string },
): Promise<string[]> {
  if (runIds.length === 0) return [];
  // Locked in id order, as every statement that locks several runs does, so none deadlock.
  await trx
    .selectFrom("automation_runs")
    .select("id")
    .where("id", "in", runIds)
    .orderBy("id")
    .forUpdate()
    .execute();
  const cancelled = await trx
    .updateTable("automation_runs")
    .set({
      status: "cancelled",
      error: JSON.stringify(reason),
      finished_at: sql`now()`,
      locked_until: null,
      locked_by: null,
    })
    .where("id", "in", runIds)
    .where("status", "in", UNFINISHED)
    .returning("id")
    .execute();
  const ids = cancelled.map((row) => row.id);
  if (ids.length === 0) return [];
  await trx.deleteFrom("automation_waits").where("run_id", "in", ids).execute();
  await resolveInvocations(trx, ids);
  return ids;
}

/** True when `event` cancels the run of `trigger` under `rule`. */
function cancels(rule: CompiledRule, trigger: TriggerEvent, event: TriggerEvent): boolean {
  if (rule.event !== event.name || event.id === trigger.id || event.ts < trigger.ts) return false;
  if (rule.timeoutMs !== null && event.ts - trigger.ts > rule.timeoutMs) return false;
  return rule.condition === null || evaluateCondition(rule.condition, { event: trigger, async: event });
}

/**
 * `cancelOn`: the dispatched events cancel the unfinished runs of every function with a rule for
 * their name whose `if` (over `event`, the run's trigger, and `async`, the new event) holds,
 * within the rule's timeout after the trigger. A run is cancelled by the first event that
 * matches; one that finished meanwhile is left as it is.
 */
export async function cancelRunsOnEvents(
  trx: Trx,
  events: readonly TriggerEvent[],
  functions: Iterable<EngineFunction>,
): Promise<void> {
  const names = new Set(events.map((event) => event.name));
  for (const fn of functions) {
    const rules = cancelRules(fn).filter((rule) => names.has(rule.event));
    if (rules.length === 0) continue;
    const runs = await trx
      .selectFrom("automation_runs")
      .select(["id", "trigger_event"])
      .where("function_id", "=", fn.id)
      .where("status", "in", UNFINISHED)
      .execute();
    for (const event of events) {
      const matched = runs
        .filter((run) => rules.some((rule) => cancels(rule, run.trigger_event as TriggerEvent, event)))
        .map((run) => run.id);
      await cancelRuns(trx, matched, {
        name: "Cancelled",
        message: `Cancelled by the event ${event.name} (${event.id}).`,
      });
    }
  }
}

/**
 * `timeouts.finish`: cancels the runs that started longer ago than their function allows, as
 * Inngest does, whatever they are doing (a step in flight ends, nothing more runs).
 */
export async function cancelOverdueRuns(db: Db, functions: Iterable<EngineFunction>): Promise<void> {
  const limited = [...functions].flatMap((fn) => {
    const timeout = finishTimeout(fn);
    return timeout ? [{ fn, ...timeout }] : [];
  });
  if (limited.length === 0) return;
  await withPlatform(db, async (trx) => {
    for (const { fn, period, ms } of limited) {
      const overdue = await trx
        .selectFrom("automation_runs")
        .select("id")
        .where("function_id", "=", fn.id)
        .where("status", "in", ["running", "sleeping"])
        .where("started_at", "<", sql<Date>`now() - (${ms}::bigint * interval '1 millisecond')`)
        .execute();
      await cancelRuns(
        trx,
        overdue.map((run) => run.id),
        { name: "FunctionTimeout", message: `The run did not finish within ${period} (timeouts.finish).` },
      );
    }
  });
}
