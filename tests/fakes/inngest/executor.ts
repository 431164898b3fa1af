import { createHmac, randomUUID } from "node:crypto";
import { canonicalJson } from "@/inngest/engine/signature";

/** A function as the SDK registers it (`POST /fn/register`), the parts Inngest's executor reads. */
export type RegisteredFunction = {
  id: string;
  name?: string;
  triggers: Array<{ event?: string; cron?: string; expression?: string }>;
  steps: Record<string, { runtime: { url: string }; retries?: { attempts?: number } }>;
};

export type FakeEvent = { id: string; name: string; data: Record<string, unknown>; ts: number };

/** One op of a 206 answer (the SDK's OutgoingOp, as JSON). */
export type Op = {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  data?: unknown;
  error?: unknown;
  opts?: Record<string, unknown>;
};

/** A step's result as Inngest hands it back in the call body's `steps`. */
export type Memo = { type: "data"; data: unknown } | { type: "error"; error: unknown };

/** One run as the fake played it: every call's answer, and how it ended. */
export type FakeRun = {
  id: string;
  functionId: string;
  event: FakeEvent;
  calls: Array<{ attempt: number; stepId: string; status: number }>;
  status: "running" | "completed" | "failed";
  output?: unknown;
  error?: unknown;
};

/** A step the run waits on (with the run's trigger, `event` in a wait's `if`): `settle` ends it, once. */
export type ParkedStep = {
  runId: string;
  functionId: string;
  trigger: FakeEvent;
  op: Op;
  settle: (memo: Memo) => void;
};

/** What the executor needs from the rest of the fake Inngest. */
export type RunHost = {
  /** The key the calls are signed with (a test may make the fake sign with another). */
  signingKey: () => string;
  /** A WaitForEvent or InvokeFunction op: the host settles it with the event, the run's result or its timeout. */
  park: (step: ParkedStep) => void;
  /** The run waits only on parked steps (true), or runs again (false): what `settled()` waits for. */
  setParked: (runId: string, parked: boolean) => void;
};

/**
 * A run the fake cannot play as Inngest would (an op it does not know, a runaway loop): not the
 * function's failure, so no `inngest/function.failed`; the fake reports it loudly from settled().
 */
export class UnplayableRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnplayableRunError";
  }
}

/**
 * Inngest's signature: HMAC-SHA256 over the body and timestamp, keyed with the key minus its
 * prefix. Inngest's bodies are canonical JSON (sorted keys), which is what the SDK checks against.
 */
export function signBody(body: string, signingKey: string, at = Date.now()): string {
  const timestamp = Math.round(at / 1000).toString();
  const key = signingKey.replace(/^signkey-\w+-/, "");
  return `t=${timestamp}&s=${createHmac("sha256", key)
    .update(body + timestamp)
    .digest("hex")}`;
}

/** Inngest's default: 3 retries after the first attempt, unless the function says otherwise. */
const DEFAULT_ATTEMPTS = 4;
const MAX_CALLS = 100;

/**
 * The ops the fake plays. StepPlanned includes step.sendEvent (the SDK sends the events itself
 * when the planned step is called, then answers StepRun). Anything else (WaitForSignal,
 * AIGateway, Gateway, DeferAdd, ...) stops the run loudly, naming the op.
 */
const PLAYED_OPS = new Set([
  "StepRun",
  "Step",
  "StepFailed",
  "StepError",
  "StepPlanned",
  "Sleep",
  "WaitForEvent",
  "InvokeFunction",
  "RunComplete",
]);
const PARKING_OPS = new Set(["WaitForEvent", "InvokeFunction"]);

/** A serialized error for the failure event from whatever a failed call answered. */
function errorOf(status: number, json: unknown, text: string): unknown {
  if (json !== null && typeof json === "object" && "message" in json) return json;
  return { name: "Error", message: `The serve endpoint answered ${status}: ${text.slice(0, 300)}` };
}

const parseJson = (text: string): unknown => {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
};

type Answer = { status: number; text: string; noRetry: boolean };

/** One signed call; a call that gets no answer is a failed attempt (status 0), as with Inngest. */
async function post(url: URL, body: string, signingKey: string): Promise<Answer> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-inngest-signature": signBody(body, signingKey) },
      body,
    });
    const text = await response.text();
    return { status: response.status, text, noRetry: response.headers.get("x-inngest-no-retry") === "true" };
  } catch (error) {
    return { status: 0, text: `no answer: ${(error as Error).message}`, noRetry: false };
  }
}

/**
 * Plays Inngest's executor against a serve endpoint for one run: `POST <url>&stepId=...` with the
 * event, the memoized steps and the run context, signed with the host's key. A 206's ops are
 * played out: StepRun/StepFailed memoized, StepPlanned called for by its id, Sleep treated as
 * elapsed, WaitForEvent and InvokeFunction parked with the host (the run calls again once one
 * settles, other planned steps go on meanwhile), StepError retried as the step's next attempt,
 * RunComplete ends the run. An error answer is retried as Inngest retries a function, up to the
 * registered attempts, unless `x-inngest-no-retry: true`. Sleeps elapse at once and retries
 * without backoff: tests want the sequence, not the waiting.
 */
export async function playRun(
  fn: RegisteredFunction,
  event: FakeEvent,
  host: RunHost,
  runId: string = randomUUID(),
): Promise<FakeRun> {
  const step = fn.steps.step;
  if (!step) throw new UnplayableRunError(`${fn.id} registered no "step" runtime`);
  const maxAttempts = step.retries?.attempts !== undefined ? step.retries.attempts + 1 : DEFAULT_ATTEMPTS;
  const run: FakeRun = { id: runId, functionId: fn.id, event, calls: [], status: "running" };
  const steps: Record<string, Memo> = {};
  const stack: string[] = [];
  const memoize = (id: string, memo: Memo) => {
    steps[id] = memo;
    stack.push(id);
  };
  const parked = new Map<string, { memo?: Memo }>();
  let wake: (() => void) | null = null;

  function park(op: Op): void {
    if (parked.has(op.id) || steps[op.id]) return;
    const entry: { memo?: Memo } = {};
    parked.set(op.id, entry);
    const settle = (memo: Memo) => {
      if (entry.memo || parked.get(op.id) !== entry) return;
      entry.memo = memo;
      // Synchronously runnable again, so settled() never sees a gap between a resume and the call.
      host.setParked(run.id, false);
      wake?.();
    };
    host.park({ runId: run.id, functionId: fn.id, trigger: event, op, settle });
  }

  /** Waits (parked, as far as settled() is concerned) until a parked step settles, and memoizes it. */
  async function resumeFromParked(): Promise<void> {
    for (;;) {
      const done = [...parked].find(([, entry]) => entry.memo);
      if (done) {
        const [id, entry] = done;
        parked.delete(id);
        memoize(id, entry.memo as Memo);
        return;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        host.setParked(run.id, true);
      });
      wake = null;
    }
  }

  const fail = (error: unknown) => Object.assign(run, { status: "failed" as const, error });
  let attempt = 0;
  let stepId = "step";

  while (run.calls.length < MAX_CALLS) {
    const url = new URL(step.runtime.url);
    url.searchParams.set("stepId", stepId);
    const body = canonicalJson({
      event,
      events: [event],
      steps,
      ctx: {
        run_id: run.id,
        attempt,
        max_attempts: maxAttempts,
        disable_immediate_execution: false,
        use_api: false,
        stack: { stack, current: stack.length },
      },
      version: 2,
    });
    const answer = await post(url, body, host.signingKey());
    run.calls.push({ attempt, stepId, status: answer.status });
    const json = parseJson(answer.text);

    if (answer.status === 200) return Object.assign(run, { status: "completed", output: json });
    if (answer.status !== 206) {
      if (answer.noRetry || attempt + 1 >= maxAttempts)
        return fail(errorOf(answer.status, json, answer.text));
      attempt++;
      stepId = "step";
      continue;
    }

    const ops = (Array.isArray(json) ? json : [json]) as Op[];
    const unplayable = ops.find((op) => !PLAYED_OPS.has(op.op));
    if (unplayable) {
      throw new UnplayableRunError(
        `${fn.id}: the fake Inngest does not play ${unplayable.op} (step "${unplayable.displayName ?? unplayable.id}")`,
      );
    }
    const stepError = ops.find((op) => op.op === "StepError");
    if (stepError) {
      // The SDK answers StepFailed itself on a step's last attempt; this guards a miscounted one.
      if (attempt + 1 >= maxAttempts) return fail(stepError.error);
      attempt++;
      stepId = "step";
      continue;
    }
    const complete = ops.find((op) => op.op === "RunComplete");
    if (complete) return Object.assign(run, { status: "completed", output: complete.data ?? null });

    let progress = false;
    for (const op of ops) {
      if (op.op === "StepRun" || op.op === "Step") memoize(op.id, { type: "data", data: op.data ?? null });
      else if (op.op === "StepFailed") memoize(op.id, { type: "error", error: op.error });
      else if (op.op === "Sleep") memoize(op.id, { type: "data", data: null });
      else if (PARKING_OPS.has(op.op)) park(op);
      progress ||= op.op !== "StepPlanned" && !PARKING_OPS.has(op.op);
    }
    // A new step starts at attempt 0; a planned one is called for by its id.
    attempt = 0;
    const planned = ops.find((op) => op.op === "StepPlanned");
    stepId = planned?.id ?? "step";
    if (planned || progress) continue;
    if (parked.size === 0) throw new UnplayableRunError(`${fn.id}: a 206 answer with nothing to play`);
    await resumeFromParked();
  }
  throw new UnplayableRunError(`${fn.id}: more than ${MAX_CALLS} calls for one run`);
}
