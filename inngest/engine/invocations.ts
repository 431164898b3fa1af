import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Trx } from "@/server/db";
import type { Due } from "./durations";
import type { EngineFunction } from "./functions";
import { enqueueRunRequests, type TriggerEvent } from "./runs";
import { dueSql } from "./sql-time";

/** The event an invoked function receives, as Inngest names it. */
export const FUNCTION_INVOKED = "inngest/function.invoked";

/** The error an invoke step resolves to when the invoked run has not finished in time (Inngest's). */
export const invokeTimeoutError = {
  name: "InngestInvokeTimeoutError",
  message: "Timed out waiting for invoked function to complete",
};

/** A `step.invoke` the function asked for (an InvokeFunction op). */
export type Invocation = { stepId: string; name: string; functionId: string; data: unknown; expires: Due };

/** The run asking: the invoked run is in its tenant and names it as its source. */
export type InvokingRun = { id: string; tenantId: string; functionId: string };

/** Inngest waits a year for an invoked function when the step sets no timeout. */
export const DEFAULT_INVOKE_TIMEOUT: Due = { afterMs: 365 * 86_400_000 };

/** One invoked run per invoking step: a replay of the op finds the same event id. */
function invokedEventId(runId: string, stepId: string): string {
  const hex = createHash("sha256").update(`invoke:${runId}:${stepId}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const json = (value: unknown) => JSON.stringify(value ?? null);

/** Completes a pending step at once with an error (no such function, or its run did not start). */
async function failStepNow(trx: Trx, runId: string, stepId: string, message: string): Promise<void> {
  await trx
    .updateTable("automation_steps")
    .set({
      error: json({ name: "Error", message }),
      data: null,
      completed_at: sql`now()`,
      wake_at: sql`now()`,
    })
    .where("run_id", "=", runId)
    .where("step_id", "=", stepId)
    .where("discarded_at", "is", null)
    .execute();
}

/**
 * Starts the runs `step.invoke` asks for, in the invoking run's transaction: the step becomes a
 * pending row that completes with Inngest's timeout error when its time is up, the invoked run is
 * queued with the `inngest/function.invoked` event (the payload's data, and `_inngest` naming
 * the source run), and a wait links the two so the invoked run's end completes the step
 * (resolveInvocations). A step already pending (the op replayed) starts nothing again.
 */
export async function startInvocations(
  trx: Trx,
  run: InvokingRun,
  invocations: readonly Invocation[],
  functions: ReadonlyMap<string, EngineFunction>,
): Promise<void> {
  for (const invocation of invocations) {
    const pending = await trx
      .insertInto("automation_steps")
      .values({
        tenant_id: run.tenantId,
        run_id: run.id,
        step_id: invocation.stepId,
        name: invocation.name,
        op: "InvokeFunction",
        error: json(invokeTimeoutError),
        wake_at: dueSql(invocation.expires),
        completed_at: dueSql(invocation.expires),
      })
      .onConflict((oc) =>
        oc.columns(["tenant_id", "run_id", "step_id"]).where("discarded_at", "is", null).doNothing(),
      )
      .returning("id")
      .executeTakeFirst();
    if (!pending) continue;

    const target = functions.get(invocation.functionId);
    if (!target) {
      await failStepNow(trx, run.id, invocation.stepId, `Could not find function ${invocation.functionId}.`);
      continue;
    }
    const data = invocation.data !== null && typeof invocation.data === "object" ? invocation.data : {};
    const event: TriggerEvent = {
      id: invokedEventId(run.id, invocation.stepId),
      name: FUNCTION_INVOKED,
      data: { ...data, _inngest: { source_fn_id: run.functionId, source_run_id: run.id } },
      ts: Date.now(),
    };
    await enqueueRunRequests(trx, [{ fn: target, event, tenantId: run.tenantId }]);
    const invoked = await trx
      .selectFrom("automation_runs")
      .select("id")
      .where("function_id", "=", target.id)
      .where("trigger_event_id", "=", event.id)
      .executeTakeFirst();
    if (!invoked) {
      await failStepNow(trx, run.id, invocation.stepId, `The invoked function ${target.id} did not start.`);
      continue;
    }
    await trx
      .insertInto("automation_waits")
      .values({
        tenant_id: run.tenantId,
        run_id: run.id,
        step_id: invocation.stepId,
        kind: "invoke",
        invoked_run_id: invoked.id,
        expires_at: dueSql(invocation.expires),
      })
      .execute();
    // An invoked run that already ended (a replayed op found it) resolves the step now.
    await resolveInvocations(trx, [invoked.id]);
  }
}

/**
 * Hands the result of ended invoked runs to the steps that invoked them, in the transaction that
 * ended them: the step completes with the run's output, or with its error (or a cancellation
 * error), unless its timeout already passed; the invoking run is due at once. Runs nobody invoked
 * change nothing.
 */
export async function resolveInvocations(trx: Trx, runIds: readonly string[]): Promise<void> {
  if (runIds.length === 0) return;
  const cancelled = json({ name: "Error", message: "The invoked function run was cancelled." });
  const failed = json({ name: "Error", message: "The invoked function run failed." });
  await sql`
    with resolved as (
      delete from automation_waits w
       using automation_runs c
       where w.invoked_run_id = c.id
         and c.id in (${sql.join(runIds.map((id) => sql`${id}::uuid`))})
         and c.status in ('completed', 'failed', 'cancelled')
      returning w.run_id, w.step_id, c.status, c.output, c.error
    ), completed as (
      update automation_steps s
         set data = case when r.status = 'completed' then coalesce(r.output, 'null'::jsonb) end,
             error = case r.status
                       when 'completed' then null
                       when 'failed' then coalesce(r.error, ${failed}::jsonb)
                       else ${cancelled}::jsonb
                     end,
             completed_at = now(),
             wake_at = now()
        from resolved r
       where s.run_id = r.run_id and s.step_id = r.step_id
         and s.discarded_at is null and s.completed_at > now()
      returning s.run_id
    )
    update automation_runs a
       set next_run_at = now()
      from completed c
     where a.id = c.run_id and a.status in ('queued', 'running', 'sleeping')`.execute(trx);
}
