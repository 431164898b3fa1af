import type { Db } from "@/server/db";
import type { Turn } from "@/server/heavy-jobs";
import { logger } from "@/server/logger";
import { measure } from "@/server/telemetry";
import type { ClaimedRun } from "./claim";
import type { CompletionWriter } from "./completions";
import { backoffDue, retryAfterDue, sleepDue } from "./durations";
import type { EngineFunction } from "./functions";
import { DEFAULT_INVOKE_TIMEOUT } from "./invocations";
import { type InvokeResult, invokeFunction, type SerializedError, type StepOp } from "./invoke";
import {
  LeaseLostError,
  memoizedStepOf,
  type Parked,
  runStore,
  type StepResult,
  type StepState,
} from "./store";
import { supportedOps } from "./supported";

export type ExecutorSettings = {
  db: Db;
  signingKey: string;
  workerId: string;
  leaseMs: number;
  /** How long a call may take before the run shows it as overdue; it is still awaited, never repeated meanwhile. */
  invokeTimeoutMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Calls per claim before the run is handed back, so one long run cannot starve the others. */
  maxCallsPerClaim: number;
  /** Planned (parallel) steps of one run called at the same time, at most. */
  parallelCalls: number;
  completions: CompletionWriter;
  /** The runnable functions: failure handlers to start, functions to invoke. */
  functions: ReadonlyMap<string, EngineFunction>;
  /** Runs each call of a function when its turn comes (EngineOptions.turn); at once without it. */
  turn?: Turn;
};

/** How the engine ends a run's work: `stop` finishes the calls in flight and starts none; `abort` abandons them. */
export type RunSignals = { stop: AbortSignal; abort: AbortSignal };

type Outcome = "continue" | "done";

const resultOf = (op: StepOp): StepResult => ({
  id: op.id,
  name: op.displayName ?? op.name ?? op.id,
  op: op.op,
  ...(op.op === "StepFailed" ? { error: op.error ?? null } : { data: op.data ?? null }),
});

const isEmpty = (parked: Parked) =>
  parked.sleeps.length + parked.waits.length + parked.invocations.length === 0;

/** What the answer's Sleep, WaitForEvent and InvokeFunction ops park the run on, or why an op cannot be read. */
function parkedOf(ops: readonly StepOp[]): { parked: Parked } | { invalid: SerializedError } {
  const parked: Parked = { sleeps: [], waits: [], invocations: [] };
  for (const op of ops) {
    const name = op.displayName ?? op.id;
    if (op.op === "Sleep") {
      const due = sleepDue(op.name ?? "");
      if (!due)
        return { invalid: { name: "InvalidSleep", message: `Cannot read the sleep time "${op.name}".` } };
      parked.sleeps.push({ id: op.id, name, due });
    } else if (op.op === "WaitForEvent") {
      const opts = (op.opts ?? {}) as { timeout?: string; if?: string; event?: string };
      // An empty timeout is the SDK's way of saying the wait is already over.
      const expires = sleepDue(opts.timeout ?? "");
      if (!expires)
        return {
          invalid: { name: "InvalidWait", message: `Cannot read the wait timeout "${opts.timeout}".` },
        };
      const event = opts.event ?? op.name ?? "";
      parked.waits.push({ stepId: op.id, name, event, expression: opts.if ?? null, expires });
    } else if (op.op === "InvokeFunction") {
      const opts = (op.opts ?? {}) as {
        function_id?: string;
        payload?: { data?: unknown };
        timeout?: string;
      };
      const expires = opts.timeout ? sleepDue(opts.timeout) : DEFAULT_INVOKE_TIMEOUT;
      if (!expires)
        return {
          invalid: { name: "InvalidInvoke", message: `Cannot read the invoke timeout "${opts.timeout}".` },
        };
      parked.invocations.push({
        stepId: op.id,
        name,
        functionId: opts.function_id ?? "",
        data: opts.payload?.data ?? {},
        expires,
      });
    }
  }
  return { parked };
}

/**
 * Drives one leased run forward: call the function with its memoized steps, persist what the
 * answer says (step results, timers, waits, invocations, retries, completion), and call again
 * until the run finishes, parks, waits for a retry or has had its share of calls. Planned
 * (parallel) steps are called concurrently, a few at a time. Mirrors Inngest's executor for the
 * ops listed in supported.ts; anything else fails the run (through onFailure) naming the op.
 *
 * No second copy of a step starts while one may run: a call is awaited however long it takes
 * (an overdue one is shown on the run), a failed heartbeat means no further call for this run
 * from this worker, and when the engine stops the calls in flight finish and are recorded
 * before the run is handed back.
 */
export async function executeRun(
  settings: ExecutorSettings,
  fn: EngineFunction,
  run: ClaimedRun,
  signals: RunSignals,
): Promise<void> {
  const store = runStore(settings.db, run, settings);
  let attempt = run.attempt;
  /** A heartbeat could not renew the lease: another worker may own the run by now. */
  let leaseInDoubt = false;
  const heartbeat = setInterval(() => {
    store.extendLease().catch((error) => {
      leaseInDoubt = true;
      logger.warn("automation lease renewal failed; no further calls for this run", { runId: run.id, error });
    });
  }, settings.leaseMs / 3);
  const mayCall = () => !leaseInDoubt && !signals.stop.aborted;
  /**
   * The step state for the next call, kept from the calls of this claim: what the claim started
   * with (nothing, for a run never claimed before; else what was loaded) plus every result this
   * worker recorded since, in the order it recorded them. While this worker holds the lease only
   * it adds results, except to what a run parks on (a wait an event ends, an invoked run that
   * finishes, a sleep whose time comes): so it is forgotten, and the next call's state loaded
   * from the database, once an answer parked anything, after parallel steps (recorded
   * concurrently, in an order only the database knows) and when a result was not stored as sent
   * (a live one existed). The database stays the truth across claims, workers and crashes.
   */
  let known: StepState | null = run.fresh ? { steps: {}, stack: [] } : null;

  // Every call of the function (one per step) is measured: kind "function", name = function id.
  async function call(stepId: string, state: StepState): Promise<InvokeResult> {
    const overdue = setTimeout(() => {
      const seconds = Math.round(settings.invokeTimeoutMs / 1000);
      store
        .noteOverdue({
          name: "CallOverdue",
          message: `A call has run for over ${seconds} s; it is awaited, and not retried while it may still be running.`,
        })
        .catch(() => undefined);
    }, settings.invokeTimeoutMs);
    try {
      const invoke = () =>
        invokeFunction({
          url: fn.url,
          stepId,
          signingKey: settings.signingKey,
          runId: run.id,
          event: run.triggerEvent,
          events: run.triggerEvents,
          steps: state.steps,
          stack: state.stack,
          attempt,
          maxAttempts: run.maxAttempts,
          signal: signals.abort,
        });
      const measured = () => measure("function", fn.id, invoke);
      return await (settings.turn ? settings.turn(measured) : measured());
    } finally {
      clearTimeout(overdue);
    }
  }

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

  /** Memoizes the step results of one answer (data, or the error of a step out of attempts). */
  async function recordResults(ops: readonly StepOp[]): Promise<boolean> {
    const results = ops.filter((op) => op.op === "StepRun" || op.op === "StepFailed").map(resultOf);
    if (results.length === 0) return false;
    const stored = await store.recordResults(results, attempt);
    attempt = 0;
    if (known && stored.length === results.length) {
      const steps = { ...known.steps };
      for (const result of results) steps[result.id] = memoizedStepOf(result);
      known = { steps, stack: [...known.stack, ...results.map((result) => result.id)] };
    } else {
      known = null;
    }
    return true;
  }

  /**
   * Parallel steps: Inngest runs each planned step with its own call (stepId = the step's id).
   * Up to `parallelCalls` run at once, each result memoized as it comes; the first failure among
   * the answers then decides the retry. No call starts once the run may not be called.
   */
  async function runPlanned(planned: readonly StepOp[], state: StepState): Promise<Outcome | boolean> {
    const answers: InvokeResult[] = [];
    let next = 0;
    let progress = false;
    let halted: unknown;
    async function lane(): Promise<void> {
      while (halted === undefined && next < planned.length && mayCall()) {
        const op = planned[next++] as StepOp;
        try {
          const answer = await call(op.id, state);
          answers.push(answer);
          if (answer.kind === "ops" && (await recordResults(answer.ops))) progress = true;
        } catch (error) {
          halted = error;
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(settings.parallelCalls, planned.length) }, lane));
    if (halted !== undefined) throw halted;
    const failed = answers.find((answer) => answer.kind === "failed");
    if (failed) return handleResult(failed);
    for (const answer of answers) {
      if (answer.kind !== "ops") continue;
      const stepError = answer.ops.find((op) => op.op === "StepError");
      if (stepError) return failure((stepError.error ?? {}) as SerializedError, true, answer.retryAfter);
    }
    return progress;
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
    let progress = await recordResults(ops);
    const stepError = ops.find((op) => op.op === "StepError");
    if (stepError) return failure((stepError.error ?? {}) as SerializedError, true, retryAfter);

    const complete = ops.find((op) => op.op === "RunComplete");
    if (complete) {
      await store.complete(complete.data ?? null);
      return "done";
    }
    const planned = ops.filter((op) => op.op === "StepPlanned");
    if (planned.length > 0) {
      known = null;
      const outcome = await runPlanned(planned, state);
      if (outcome === "done" || outcome === "continue") return outcome;
      progress ||= outcome;
      // Stopping, or the lease in doubt: the planned steps not called yet wait for the next claim.
      if (!mayCall()) return "continue";
    }

    const read = parkedOf(ops);
    if ("invalid" in read) return failure(read.invalid, false, null);
    const { parked } = read;
    if (!isEmpty(parked)) {
      known = null;
      await store.recordParked(parked);
    }
    if (progress) return "continue";
    if (!isEmpty(parked)) {
      await store.sleep(state.stack);
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
    for (let calls = 0; calls < settings.maxCallsPerClaim && mayCall(); calls++) {
      // A run never claimed before has nothing memoized: its first call needs no lookup, nor
      // does a later one when this claim knows every step recorded since (see `known`).
      const state = known ?? (await store.loadState());
      known = state;
      if ((await handleResult(await call("step", state), state)) === "done") return;
    }
    // Its share of calls is used, the engine is stopping, or the lease is in doubt: hand it back
    // (a lease another worker took refuses the write).
    await store.release();
  } catch (error) {
    if (error instanceof LeaseLostError) {
      logger.warn("automation run taken over by another worker", { runId: run.id });
    } else if (signals.abort.aborted) {
      await store.release().catch(() => undefined);
    } else {
      // The lease expires and the run is picked up again; the attempt is counted then.
      logger.error("automation run could not be advanced", { runId: run.id, functionId: fn.id, error });
    }
  } finally {
    clearInterval(heartbeat);
  }
}
