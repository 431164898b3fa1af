import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { internalEvents } from "inngest";
import { compileExpression, type Expression, evaluateCondition } from "@/inngest/engine/expressions";
import {
  type FakeEvent,
  type FakeRun,
  type ParkedStep,
  playRun,
  type RegisteredFunction,
  type RunHost,
  UnplayableRunError,
} from "./executor";
import { type ParkedView, parkedSteps } from "./parked-steps";

export type ReceivedEvent = { id?: string; name: string; data: Record<string, unknown>; ts?: number };

type Registration = { url: string; appName: string; functions: RegisteredFunction[] };

/**
 * A local stand-in for Inngest where the app depends on it:
 * - the event API (`POST /e/:eventKey`): the key is checked against its SHA-256 hash, as Inngest
 *   stores it; `{ ids, status: 200 }` for an accepted batch, 401 for an unknown key, 400 for an
 *   event without a name, 413 for one over `maxEventBytes`, 500s when told to fail. An event id
 *   seen in the last 24 hours is de-duplicated (accepted, nothing triggered); later it is new.
 * - function registration (`POST /fn/register`), bearer-authenticated with the hashed signing key
 *   (`signkey-<env>-<sha256 of the key's bytes>`, what the SDK sends).
 * - the executor: each accepted event resumes the `step.waitForEvent`s it matches and runs every
 *   registered function it triggers (name or `prefix.*`, and the trigger's `if`), calling the
 *   function's serve URL signed with the signing key, through step ops and retries (executor.ts);
 *   `step.invoke` runs the named function with `inngest/function.invoked` (parked-steps.ts).
 * - failures: a run that finally fails sends `inngest/function.failed` (the failed function's id
 *   and run id, its error and original event), which runs the `<fn-id>-failure` function the SDK
 *   registers for an `onFailure` handler (triggered by that event, `if` on function_id). A failing
 *   failure handler sends nothing more.
 */
export type FakeInngest = {
  url: string;
  registrations: Registration[];
  received: ReceivedEvent[];
  accepted: Map<string, ReceivedEvent>;
  /** Finished runs, in the order they ended (a run parked on a wait is not here yet). */
  runs: FakeRun[];
  requests: number;
  failNext: (count: number) => void;
  /** The waitForEvent and invoke steps runs are parked on. */
  parked: () => ParkedView[];
  /** Moves the fake's clock forward: the 24 h de-duplication window, wait and invoke timeouts. */
  advanceClock: (ms: number) => void;
  /** Signs the executor's calls with another key, as an Inngest holding a different key would. */
  signRunsWith: (signingKey: string) => void;
  /**
   * Resolves once every run started so far has finished or waits only on a parked step; rejects
   * (once) with the runs the fake could not play, naming the op (executor.ts's UnplayableRunError).
   */
  settled: () => Promise<void>;
  close: () => Promise<void>;
};

export type FakeInngestOptions = { eventKey: string; signingKey: string; maxEventBytes?: number };

const DEDUPLICATION_MS = 24 * 60 * 60 * 1000;

const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** What the SDK puts in `Authorization: Bearer ...`: the prefix kept, the hex key hashed as bytes. */
export function hashSigningKey(signingKey: string): string {
  const prefix = /^signkey-\w+-/.exec(signingKey)?.[0] ?? "";
  return `${prefix}${sha256Hex(Buffer.from(signingKey.slice(prefix.length), "hex"))}`;
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const expressions = new Map<string, Expression>();

/** Compiled once per source; registration already refused a source CEL cannot read. */
function expressionOf(source: string): Expression {
  let expression = expressions.get(source);
  if (!expression) {
    expression = compileExpression(source);
    expressions.set(source, expression);
  }
  return expression;
}

/** The first trigger expression of a registration CEL cannot read, as Inngest refuses the sync. */
function unreadableExpression(functions: RegisteredFunction[]): string | null {
  for (const trigger of functions.flatMap((fn) => fn.triggers)) {
    if (!trigger.expression) continue;
    try {
      expressionOf(trigger.expression);
    } catch (error) {
      return (error as Error).message;
    }
  }
  return null;
}

/** Exact names and `prefix.*` wildcards as Inngest documents them, and the trigger's `if` holds. */
function triggers(fn: RegisteredFunction, event: FakeEvent): boolean {
  return fn.triggers.some(
    (trigger) =>
      (trigger.event === event.name ||
        (trigger.event?.endsWith(".*") && event.name.startsWith(trigger.event.slice(0, -1)))) &&
      (!trigger.expression || evaluateCondition(expressionOf(trigger.expression), { event })),
  );
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeInngest(options: FakeInngestOptions): Promise<FakeInngest> {
  const hashedEventKey = sha256Hex(options.eventKey);
  const hashedSigningKey = hashSigningKey(options.signingKey);
  const maxEventBytes = options.maxEventBytes ?? 256 * 1024;
  let failures = 0;
  let clockOffset = 0;
  let runSigningKey = options.signingKey;
  const now = () => Date.now() + clockOffset;
  const acceptedAt = new Map<string, number>();
  /** Unfinished runs, and whether each waits only on a parked step. */
  const live = new Map<string, { parked: boolean }>();
  const idleWaiters: Array<() => void> = [];
  const unplayable: Error[] = [];
  const parked = parkedSteps(now);
  const state = {
    received: [] as ReceivedEvent[],
    accepted: new Map<string, ReceivedEvent>(),
    runs: [] as FakeRun[],
    requests: 0,
    registrations: [] as Registration[],
  };

  /** Each app's functions as its latest registration (a sync) left them. */
  const registered = () => {
    const latest = new Map(state.registrations.map((registration) => [registration.appName, registration]));
    return [...latest.values()].flatMap((registration) => registration.functions);
  };

  const idle = () => [...live.values()].every((run) => run.parked);
  function noticeIdle(): void {
    if (idle()) for (const resolve of idleWaiters.splice(0)) resolve();
  }

  const host: RunHost = {
    signingKey: () => runSigningKey,
    park: (step) => (step.op.op === "WaitForEvent" ? parked.addEventWait(step) : invoke(step)),
    setParked: (runId, isParked) => {
      const run = live.get(runId);
      if (!run) return;
      run.parked = isParked;
      if (isParked) noticeIdle();
    },
  };

  /** step.invoke: the named function runs with `inngest/function.invoked`; its end settles the step. */
  function invoke(step: ParkedStep): void {
    const settle = parked.addInvocation(step);
    const opts = (step.op.opts ?? {}) as {
      function_id?: string;
      payload?: { data?: Record<string, unknown> };
    };
    const target = registered().find((fn) => fn.id === opts.function_id);
    if (!target) {
      settle({
        type: "error",
        error: { name: "Error", message: `Could not find function ${opts.function_id}` },
      });
      return;
    }
    const event: FakeEvent = {
      id: randomUUID(),
      name: internalEvents.FunctionInvoked,
      data: {
        ...(opts.payload?.data ?? {}),
        _inngest: { source_fn_id: step.functionId, source_run_id: step.runId },
      },
      ts: now(),
    };
    startRun(target, event, (run) =>
      settle(
        run.status === "completed" ? { type: "data", data: run.output } : { type: "error", error: run.error },
      ),
    );
  }

  /** Inngest's `inngest/function.failed` for a run that finally failed. */
  const failedEvent = (run: FakeRun): FakeEvent => ({
    id: randomUUID(),
    name: internalEvents.FunctionFailed,
    data: {
      function_id: run.functionId,
      run_id: run.id,
      error: { name: "Error", message: "", ...(typeof run.error === "object" ? run.error : {}) },
      event: run.event,
    },
    ts: now(),
  });

  /**
   * Plays one run. What follows its end (the invoking step settled, the failure event sent) is
   * started before the run leaves `live`, so settled() never sees a gap between the two.
   */
  function startRun(fn: RegisteredFunction, event: FakeEvent, onEnd?: (run: FakeRun) => void): void {
    const runId = randomUUID();
    live.set(runId, { parked: false });
    // The fake's own failure (an op it cannot play, a bug) is reported, not sent as the function's.
    let playedOut = true;
    void playRun(fn, event, host, runId)
      .catch((error: unknown): FakeRun => {
        playedOut = false;
        unplayable.push(error instanceof Error ? error : new UnplayableRunError(String(error)));
        return { id: runId, functionId: fn.id, event, calls: [], status: "failed", error };
      })
      .then((run) => {
        state.runs.push(run);
        parked.forgetRun(runId);
        onEnd?.(run);
        const failedForGood = playedOut && run.status === "failed";
        if (failedForGood && event.name !== internalEvents.FunctionFailed) dispatch(failedEvent(run));
        live.delete(runId);
        noticeIdle();
      });
  }

  /** An accepted event: the waits it matches resume, the functions it triggers start. */
  function dispatch(event: FakeEvent): void {
    parked.resume(event);
    for (const fn of registered().filter((candidate) => triggers(candidate, event))) startRun(fn, event);
  }

  /** Validates a batch first (Inngest refuses all of it for one bad event), then accepts it. */
  function receive(events: ReceivedEvent[]): { status: number; body: Record<string, unknown> } {
    for (const event of events) {
      if (typeof event?.name !== "string" || event.name.length === 0) {
        return { status: 400, body: { error: "Event name is required", status: 400 } };
      }
      if (Buffer.byteLength(JSON.stringify(event)) > maxEventBytes) {
        return { status: 413, body: { error: "Event payload too large", status: 413 } };
      }
    }
    const ids = events.map((event) => {
      state.received.push(event);
      const id = event.id ?? randomUUID();
      const seenAt = acceptedAt.get(id);
      if (seenAt !== undefined && now() - seenAt < DEDUPLICATION_MS) return id;
      acceptedAt.set(id, now());
      state.accepted.set(id, event);
      dispatch({ id, name: event.name, data: event.data ?? {}, ts: event.ts ?? now() });
      return id;
    });
    return { status: 200, body: { ids, status: 200 } };
  }

  const server: Server = createServer(async (request, response) => {
    const body = await readBody(request);
    state.requests++;
    const reply = (status: number, payload: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(payload));
    };
    if (request.method === "POST" && request.url?.startsWith("/fn/register")) {
      const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1] ?? "";
      if (!sameText(bearer, hashedSigningKey)) return reply(401, { error: "unauthorized" });
      const registration = JSON.parse(body) as Registration;
      const unreadable = unreadableExpression(registration.functions ?? []);
      if (unreadable) return reply(400, { error: unreadable });
      state.registrations.push(registration);
      return reply(200, { ok: true, modified: true });
    }
    const match = request.method === "POST" ? /^\/e\/([^/?]+)/.exec(request.url ?? "") : null;
    if (!match?.[1]) return reply(404, { error: "not found", status: 404 });
    if (!sameText(sha256Hex(decodeURIComponent(match[1])), hashedEventKey)) {
      return reply(401, { error: "Event key not found", status: 401 });
    }
    if (failures > 0) {
      failures--;
      return reply(500, { error: "internal error", status: 500 });
    }
    const parsed = JSON.parse(body) as ReceivedEvent | ReceivedEvent[];
    const answer = receive(Array.isArray(parsed) ? parsed : [parsed]);
    return reply(answer.status, answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    get received() {
      return state.received;
    },
    get accepted() {
      return state.accepted;
    },
    get runs() {
      return state.runs;
    },
    get requests() {
      return state.requests;
    },
    get registrations() {
      return state.registrations;
    },
    failNext: (count) => {
      failures = count;
    },
    parked: () => parked.list(),
    advanceClock: (ms) => {
      clockOffset += ms;
      parked.expire();
    },
    signRunsWith: (signingKey) => {
      runSigningKey = signingKey;
    },
    settled: async () => {
      while (!idle()) await new Promise<void>((resolve) => idleWaiters.push(resolve));
      const problems = unplayable.splice(0);
      if (problems.length > 0) throw new AggregateError(problems, problems.map((e) => e.message).join("; "));
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
