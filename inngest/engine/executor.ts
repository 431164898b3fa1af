import type { Db } from "@/server/db";
import { logger } from "@/server/logger";
import { measure } from "@/server/telemetry";
import type { ClaimedRun } from "./claim";
import type { CompletionWriter } from "./completions";
import { backoffDue, retryAfterDue, sleepDue } from "./durations";
import type { EngineFunction } from "./functions";
import { type InvokeResult, invokeFunction, type SerializedError, type StepOp } from "./invoke";
import { LeaseLostError, type PendingSleep, runStore, type StepResult, type StepState } from "./store";
import { supportedOps } from "./supported";

export type ExecutorSettings = {
  db: Db;
  signingKey: string;
  workerId: string;
  leaseMs: number;
  invokeTimeoutMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Calls per claim before the run is handed back, so one long run cannot starve the others. */
  maxCallsPerClaim: number;
  completions: CompletionWriter;
};

type Outcome = "continue" | "done";

const resultOf = (op: StepOp): StepResult => ({
  id: op.id,
  name: op.displayName ?? op.name ?? op.id,
  op: op.op,
  ...(op.op === "StepFailed" ? { error: op.error ?? null } : { data: op.data ?? null }),
});

/**
 * Drives one leased run forward: call the function with its memoized steps, persist what the
 * answer says (step results, timers, retries, completion), and call again until the run finishes,
 * sleeps, waits for a retry or has had its share of calls. Mirrors Inngest's executor for the ops
 * listed in supported.ts; anything else fails the run with a message naming the op.
 */
export async function executeRun(
  settings: ExecutorSettings,
  fn: EngineFunction,
  run: ClaimedRun,
  signal: AbortSignal,
): Promise<void> {
  const store = runStore(settings.db, run, settings);
  let attempt = run.attempt;
  const heartbeat = setInterval(() => {
    store
      .extendLease()
      .catch((error) => logger.warn("automation lease renewal failed", { runId: run.id, error }));
  }, settings.leaseMs / 3);

  // Every call of the function (one per step) is measured: kind "function", name = function id.
  const call = (stepId: string, state: StepState) =>
    measure("function", fn.id, () =>
      invokeFunction({
        url: fn.url,
        stepId,
        signingKey: settings.signingKey,
        runId: run.id,
        event: run.triggerEvent,
        steps: state.steps,
        stack: state.stack,
        attempt,
        maxAttempts: run.maxAttempts,
        timeoutMs: settings.invokeTimeoutMs,
        signal,
      }),
    );

  async function failure(
    error: SerializedError,
    retriable: boolean,
    retryAfter: string | null,
  ): Promise<Outcome> {
    if (!retriable || attempt + 1 >= run.maxAttempts) {
      await store.fail(error, attempt);
      logger.warn("automation run failed", {
        runId: run.id,
        functionId: fn.id,
        attempt,
        error: error.message,
      });
      return "done";
    }
    const due =
      retryAfterDue(retryAfter) ?? backoffDue(attempt + 1, settings.backoffBaseMs, settings.backoffMaxMs);
    await store.retryLater(error, attempt + 1, due);
    logger.info("automation run will retry", { runId: run.id, functionId: fn.id, attempt: attempt + 1 });
    return "done";
  }

  /** Step results from one answer: memoized at once; a retriable step error schedules a retry. */
  async function recordStepOps(
    ops: readonly StepOp[],
    retryAfter: string | null,
  ): Promise<Outcome | "progress" | "none"> {
    const results = ops.filter((op) => op.op === "StepRun" || op.op === "StepFailed").map(resultOf);
    if (results.length > 0) {
      await store.recordResults(results, attempt);
      attempt = 0;
    }
    const stepError = ops.find((op) => op.op === "StepError");
    if (stepError) return failure((stepError.error ?? {}) as SerializedError, true, retryAfter);
    return results.length > 0 ? "progress" : "none";
  }

  async function handleOps(
    ops: readonly StepOp[],
    retryAfter: string | null,
    state: StepState,
  ): Promise<Outcome> {
    const unsupported = ops.find((op) => !supportedOps.has(op.op));
    if (unsupported) {
      const message = `The embedded automation engine does not support ${unsupported.op} (step "${unsupported.displayName ?? unsupported.id}"); see inngest/engine/supported.ts.`;
      return failure({ name: "UnsupportedStep", message }, false, null);
    }
    const recorded = await recordStepOps(ops, retryAfter);
    if (recorded === "done") return "done";
    let progress = recorded === "progress";

    const complete = ops.find((op) => op.op === "RunComplete");
    if (complete) {
      await store.complete(complete.data ?? null);
      return "done";
    }
    // Parallel steps: Inngest runs each planned step with its own call (stepId = the step's id).
    for (const planned of ops.filter((op) => op.op === "StepPlanned")) {
      const answer = await call(planned.id, state);
      if (answer.kind !== "ops") return handleResult(answer);
      const outcome = await recordStepOps(answer.ops, answer.retryAfter);
      if (outcome === "done") return "done";
      progress ||= outcome === "progress";
    }

    const sleeps: PendingSleep[] = [];
    for (const op of ops.filter((item) => item.op === "Sleep")) {
      const due = sleepDue(op.name ?? "");
      if (!due)
        return failure(
          { name: "InvalidSleep", message: `Cannot read the sleep time "${op.name}".` },
          false,
          null,
        );
      sleeps.push({ id: op.id, name: op.displayName ?? op.id, due });
    }
    if (sleeps.length > 0) await store.recordSleeps(sleeps);
    if (progress) return "continue";
    if (sleeps.length > 0) {
      await store.sleep();
      return "done";
    }
    return failure(
      { name: "NoProgress", message: "The function answered without a step to run." },
      true,
      null,
    );
  }

  async function handleResult(result: InvokeResult, state?: StepState): Promise<Outcome> {
    switch (result.kind) {
      case "completed":
        await store.complete(result.output);
        logger.info("automation run completed", { runId: run.id, functionId: fn.id });
        return "done";
      case "failed":
        return failure(result.error, result.retriable, result.retryAfter);
      case "ops":
        return handleOps(result.ops, result.retryAfter, state ?? { steps: {}, stack: [] });
    }
  }

  try {
    for (let calls = 0; calls < settings.maxCallsPerClaim; calls++) {
      // A run never claimed before has nothing memoized: its first call needs no lookup.
      const state = calls === 0 && run.fresh ? { steps: {}, stack: [] } : await store.loadState();
      if ((await handleResult(await call("step", state), state)) === "done") return;
    }
    await store.release();
  } catch (error) {
    if (error instanceof LeaseLostError) {
      logger.warn("automation run taken over by another worker", { runId: run.id });
    } else if (signal.aborted) {
      await store.release().catch(() => undefined);
    } else {
      // The lease expires and the run is picked up again; the attempt is counted then.
      logger.error("automation run could not be advanced", { runId: run.id, functionId: fn.id, error });
    }
  } finally {
    clearInterval(heartbeat);
  }
}
