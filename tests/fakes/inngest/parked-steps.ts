import { parseDuration } from "@/inngest/engine/durations";
import { compileExpression, type Expression, evaluateCondition } from "@/inngest/engine/expressions";
import { type FakeEvent, type Memo, type ParkedStep, UnplayableRunError } from "./executor";

/** What a `step.invoke` resolves to when the invoked run has not ended in time (Inngest's error). */
export const INVOKE_TIMEOUT_ERROR = {
  name: "InngestInvokeTimeoutError",
  message: "Timed out waiting for invoked function to complete",
};

/** Inngest waits a year for an invoked function when the step sets no timeout. */
const DEFAULT_INVOKE_TIMEOUT_MS = 365 * 86_400_000;

type Parked = ParkedStep & {
  /** On the fake's clock: the step then settles with `timedOut`. */
  expiresAt: number;
  timedOut: Memo;
  /** A step.waitForEvent: the awaited event's name, its condition, and the run's trigger for `event.`. */
  wait?: { name: string; condition: Expression | null; trigger: FakeEvent };
};

/** A parked step as a test sees it. */
export type ParkedView = { runId: string; functionId: string; stepId: string; op: string; expiresAt: number };

/** The timeout an op names ("1h30m", from the SDK's timeStr), in ms; `fallback` when it names none. */
function timeoutOf(step: ParkedStep, fallback: number | null): number {
  const timeout = step.op.opts?.timeout;
  if (timeout === undefined && fallback !== null) return fallback;
  const ms = typeof timeout === "string" ? parseDuration(timeout) : null;
  if (ms === null) {
    throw new UnplayableRunError(`${step.functionId}: cannot read the ${step.op.op} timeout "${timeout}"`);
  }
  return ms;
}

function compile(step: ParkedStep, source: string): Expression {
  try {
    return compileExpression(source);
  } catch (error) {
    throw new UnplayableRunError(`${step.functionId}: ${(error as Error).message}`);
  }
}

/**
 * The steps runs wait on, as Inngest keeps them: a `step.waitForEvent` ends with the first event
 * of its name received after the wait began whose `if` holds (CEL over `event`, the run's trigger,
 * and `async`, the candidate; the SDK writes `match` as `event.<path> == async.<path>`), or with
 * null at its timeout; a `step.invoke` ends with the invoked run's result, or Inngest's timeout
 * error. Time is the fake's clock: timeouts pass when a test moves it (`expire`), never on their own.
 */
export function parkedSteps(now: () => number) {
  let parked: Parked[] = [];

  const take = (step: Parked, memo: Memo) => {
    parked = parked.filter((item) => item !== step);
    step.settle(memo);
  };

  return {
    /** Parks a WaitForEvent; throws UnplayableRunError for a timeout or `if` it cannot read. */
    addEventWait(step: ParkedStep): void {
      const opts = step.op.opts ?? {};
      const source = typeof opts.if === "string" ? opts.if : null;
      const wait = {
        name: typeof opts.event === "string" ? opts.event : (step.op.name ?? ""),
        condition: source === null ? null : compile(step, source),
        trigger: step.trigger,
      };
      const entry: Parked = {
        ...step,
        expiresAt: now() + timeoutOf(step, null),
        timedOut: { type: "data", data: null },
        wait,
      };
      parked.push(entry);
      // An empty timeout is the SDK's way of saying the wait is already over.
      if (entry.expiresAt <= now()) take(entry, entry.timedOut);
    },

    /** Parks an InvokeFunction; the answer settles it with the invoked run's result (unless timed out). */
    addInvocation(step: ParkedStep): (memo: Memo) => void {
      const expiresAt = now() + timeoutOf(step, DEFAULT_INVOKE_TIMEOUT_MS);
      const entry: Parked = { ...step, expiresAt, timedOut: { type: "error", error: INVOKE_TIMEOUT_ERROR } };
      parked.push(entry);
      return (memo) => {
        if (parked.includes(entry)) take(entry, memo);
      };
    },

    /**
     * Ends every wait this event matches, with the event. Called as the event is received, so
     * every wait parked so far began before it (Inngest compares arrival, not the event's `ts`).
     */
    resume(event: FakeEvent): void {
      for (const entry of parked) {
        const wait = entry.wait;
        if (!wait || wait.name !== event.name) continue;
        if (wait.condition && !evaluateCondition(wait.condition, { event: wait.trigger, async: event }))
          continue;
        take(entry, { type: "data", data: event });
      }
    },

    /** Ends the steps whose time is up (after the clock moved). */
    expire(): void {
      for (const entry of parked.filter((item) => item.expiresAt <= now())) take(entry, entry.timedOut);
    },

    /** Forgets a finished run's steps (a wait it raced against and no longer needs). */
    forgetRun(runId: string): void {
      parked = parked.filter((item) => item.runId !== runId);
    },

    list: (): ParkedView[] =>
      parked.map((item) => ({
        runId: item.runId,
        functionId: item.functionId,
        stepId: item.op.displayName ?? item.op.id,
        op: item.op.op,
        expiresAt: item.expiresAt,
      })),
  };
}
