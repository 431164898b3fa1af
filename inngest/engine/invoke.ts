import { type PostAnswer, postText } from "./http-post";
import { canonicalJson, signRequest } from "./signature";

/** One op from a 206 answer (the SDK's OutgoingOp, as JSON). */
export type StepOp = {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  data?: unknown;
  error?: unknown;
  opts?: Record<string, unknown>;
};

/** A serialized error as the SDK sends it (`serializeError`). */
export type SerializedError = { name?: string; message?: string; [key: string]: unknown };

/** A memoized step result, in the shape of the call body's `steps`. */
export type MemoizedStep = { type: "data"; data: unknown } | { type: "error"; error: unknown };

export type InvokeRequest = {
  /** The function's serve URL (`?fnId=<id>&stepId=step`). */
  url: string;
  /** "step" to run the function onward, or the hashed id of a planned step to run just that step. */
  stepId: string;
  signingKey: string;
  runId: string;
  event: unknown;
  /** A batch run's events (batchEvents); a run of one event sends `[event]`. */
  events: unknown[] | null;
  steps: Record<string, MemoizedStep>;
  /** Step ids in the order their results were recorded. */
  stack: string[];
  attempt: number;
  maxAttempts: number;
  /** Aborts the call (the engine abandons it at its stop deadline). */
  signal: AbortSignal;
};

/**
 * A call is never abandoned on a timer: the step it runs may still be running, and a retry then
 * would run it a second time. The executor shows an overdue call on the run instead; only the
 * engine's stop deadline aborts one. (The largest delay a Node timer takes.)
 */
const NEVER_MS = 2_147_483_647;

export type InvokeResult =
  | { kind: "completed"; output: unknown }
  | { kind: "ops"; ops: StepOp[]; retryAfter: string | null }
  | { kind: "failed"; error: SerializedError; retriable: boolean; retryAfter: string | null };

const invocationError = (message: string): InvokeResult => ({
  kind: "failed",
  error: { name: "InvocationError", message },
  retriable: true,
  retryAfter: null,
});

function parseJson(text: string): unknown {
  if (text.trim() === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isOp = (value: unknown): value is StepOp =>
  value !== null &&
  typeof value === "object" &&
  typeof (value as StepOp).id === "string" &&
  typeof (value as StepOp).op === "string";

/**
 * Calls the serve endpoint the way Inngest does: `POST <url>&stepId=<id>` with the trigger event,
 * the memoized step state and the run context, signed with the signing key. Answers:
 * 200 -> the function returned; 206 -> step ops; 400/500 with `x-inngest-no-retry` -> the
 * function threw (retriable unless the header says otherwise, `retry-after` for RetryAfterError).
 * Anything else (unreachable, 401, a proxy's 502) is a retriable failure of the attempt.
 * Throws only when `signal` aborts (the engine is stopping).
 *
 * The call carries `ctx.run_id` (the run's id, the same on every attempt and worker) and the
 * SDK gives each step its id, so `${runId}:${stepId}` is an idempotency key an effect can use.
 */
export async function invokeFunction(request: InvokeRequest): Promise<InvokeResult> {
  const url = new URL(request.url);
  url.searchParams.set("stepId", request.stepId);
  // ctx.fn_id is left out on purpose: without it the SDK never tries to checkpoint to Inngest's API.
  const body = canonicalJson({
    event: request.event,
    events: request.events ?? [request.event],
    steps: request.steps,
    ctx: {
      run_id: request.runId,
      attempt: request.attempt,
      max_attempts: request.maxAttempts,
      disable_immediate_execution: false,
      use_api: false,
      stack: { stack: request.stack, current: request.stack.length },
    },
  });

  let response: PostAnswer;
  try {
    response = await postText(
      url,
      body,
      { "content-type": "application/json", "x-inngest-signature": signRequest(body, request.signingKey) },
      { signal: request.signal, timeoutMs: NEVER_MS },
    );
  } catch (error) {
    if (request.signal.aborted) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    return invocationError(`Could not call ${url.origin}${url.pathname}: ${reason}`);
  }

  const { text } = response;
  const json = parseJson(text);
  const noRetry = response.header("x-inngest-no-retry");
  const retryAfter = response.header("retry-after");

  if (response.status === 200 && json !== undefined) return { kind: "completed", output: json };
  if (response.status === 206) {
    const ops = Array.isArray(json) ? json : [json];
    if (ops.length > 0 && ops.every(isOp)) return { kind: "ops", ops, retryAfter };
  }
  if ((response.status === 400 || response.status === 500) && noRetry !== null) {
    const error = json !== null && typeof json === "object" ? (json as SerializedError) : { message: text };
    return { kind: "failed", error, retriable: noRetry !== "true", retryAfter };
  }
  return invocationError(`The serve endpoint answered ${response.status}: ${text.slice(0, 300)}`);
}

/**
 * Inngest's trust probe (`POST ?probe=trust`, signed): answers 200 once the HTTP server is up and
 * shares the signing key. Returns the status, or null while nothing answers.
 */
export async function probeServeEndpoint(serveUrl: string, signingKey: string): Promise<number | null> {
  const url = new URL(serveUrl);
  url.searchParams.set("probe", "trust");
  const body = canonicalJson({});
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-inngest-signature": signRequest(body, signingKey) },
      body,
      signal: AbortSignal.timeout(5_000),
    });
    await response.body?.cancel();
    return response.status;
  } catch {
    return null;
  }
}
