import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/edge";
import { type Selectable, sql } from "kysely";
import type { DatabaseHandle } from "@/db";
import type { AutomationRuns, AutomationSteps } from "@/db/types";
import { ENGINE_BASE_PATH, embeddedClientOptions, embeddedServeUrl } from "@/inngest/engine/client-options";
import { type EmbeddedEngine, type EngineOptions, startEmbeddedEngine } from "@/inngest/engine/engine";
import { receiveEvents } from "@/inngest/engine/event-intake";
import { loadFunctions } from "@/inngest/engine/functions";
import { embeddedEventKey, embeddedSigningKey } from "@/inngest/engine/keys";
import { type Db, withPlatform } from "@/server/db";
import { openIsolatedTestDatabase } from "./database";
import { type FetchHandler, startHttpServer } from "./http-server";
import { waitFor } from "./wait-for";

export const HARNESS_APP_ID = "engine-test";
const SECRET = "engine-harness-secret-engine-harness-secret";

/** Short knobs so retries, leases and polls take milliseconds in tests. */
const fastTiming = {
  pollMs: 25,
  backoffBaseMs: 100,
  backoffMaxMs: 1_000,
  leaseMs: 3_000,
  maxConcurrentRuns: 8,
  stopGraceMs: 2_000,
} satisfies Partial<EngineOptions>;

/**
 * An app in miniature for engine tests: its own database, a real HTTP server serving the test's
 * functions through the SDK's fetch handler at /api/inngest plus the engine's event API, a client
 * keyed like the embedded one, and a running engine pointed at that server, woken on commit like
 * the app's. `timing` overrides the fast defaults (a test of wake-ups wants a slow poll).
 */
export async function startEngineHarness(
  defineFunctions: (client: Inngest, db: Db) => InngestFunction.Any[],
  timing: Partial<typeof fastTiming & Pick<EngineOptions, "invokeTimeoutMs" | "parallelCalls">> = {},
): Promise<EngineHarness> {
  const handle: DatabaseHandle = await openIsolatedTestDatabase();
  let route: FetchHandler = async () => new Response("starting", { status: 503 });
  const server = await startHttpServer((request) => route(request));
  const client = new Inngest(
    embeddedClientOptions({ id: HARNESS_APP_ID, secret: SECRET, serveUrl: embeddedServeUrl(server.url) }),
  );
  const functions = defineFunctions(client, handle.db);
  const serveUrl = embeddedServeUrl(server.url);
  const serveHandler = serve({ client, functions });
  const engineFunctions = loadFunctions(functions, serveUrl);

  const start = (overrides: Partial<EngineOptions> = {}) =>
    startEmbeddedEngine({
      db: handle.db,
      serveUrl,
      signingKey: embeddedSigningKey(SECRET),
      functions,
      listen: handle.listen,
      ...fastTiming,
      ...timing,
      ...overrides,
    });
  let engine: EmbeddedEngine = start();

  const eventPath = `${ENGINE_BASE_PATH}e/`;
  /** Functions whose calls answer 502, as a proxy in front of a dead endpoint would. */
  const unreachable = new Set<string>();
  route = async (request) => {
    const url = new URL(request.url);
    const { pathname } = url;
    if (unreachable.has(url.searchParams.get("fnId") ?? ""))
      return new Response("Bad Gateway", { status: 502 });
    if (!pathname.startsWith(eventPath)) return serveHandler(request);
    return receiveEvents(request, pathname.slice(eventPath.length), {
      db: handle.db,
      eventKey: embeddedEventKey(SECRET),
      functions: engineFunctions,
      onEnqueued: () => engine.wake(),
    });
  };

  return {
    db: handle.db,
    listen: handle.listen,
    client,
    serveUrl,
    functionId: (id) => `${HARNESS_APP_ID}-${id}`,
    wake: () => engine.wake(),
    failCallsTo: (id) => unreachable.add(`${HARNESS_APP_ID}-${id}`),
    async restartEngine(overrides = {}) {
      await engine.stop();
      engine = start(overrides);
    },
    stopEngine: () => engine.stop(),
    runsFor: (id, key) =>
      withPlatform(handle.db, (trx) =>
        trx
          .selectFrom("automation_runs")
          .selectAll()
          .where("function_id", "=", `${HARNESS_APP_ID}-${id}`)
          .$if(key !== undefined, (query) =>
            query.where(sql<string>`trigger_event->'data'->>'key'`, "=", key ?? ""),
          )
          .orderBy("created_at")
          .execute(),
      ),
    stepsOf: (runId) =>
      withPlatform(handle.db, (trx) =>
        trx.selectFrom("automation_steps").selectAll().where("run_id", "=", runId).orderBy("id").execute(),
      ),
    async close() {
      await engine.stop();
      await server.close();
      await handle.close();
    },
  };
}

type RunRow = Selectable<AutomationRuns>;
type StepRow = Selectable<AutomationSteps>;

export type EngineHarness = {
  db: Db;
  /** The harness database's LISTEN (live notification streams subscribe through it). */
  listen: DatabaseHandle["listen"];
  client: Inngest;
  serveUrl: string;
  functionId: (id: string) => string;
  wake: () => void;
  /** From now on, every call of the test function `id` answers 502 (an invocation error). */
  failCallsTo: (id: string) => void;
  /**
   * Stops the engine (as a process exit would) and starts a fresh one on the same database, with
   * `overrides` of its options (a test's listener, say).
   */
  restartEngine: (overrides?: Partial<EngineOptions>) => Promise<void>;
  stopEngine: () => Promise<void>;
  /** Runs of the test function `id`, optionally only those whose event has `data.key = key`. */
  runsFor: (id: string, key?: string) => Promise<RunRow[]>;
  stepsOf: (runId: string) => Promise<StepRow[]>;
  close: () => Promise<void>;
};

/** Waits for a completed run of `functionId` triggered by one of `tenantId`'s events, and returns it. */
export const completedRunFor = (harness: EngineHarness, functionId: string, tenantId: string) =>
  waitFor(`a completed ${functionId} run for the tenant`, async () =>
    (await harness.runsFor(functionId)).find(
      (run) => run.status === "completed" && JSON.stringify(run.trigger_event).includes(tenantId),
    ),
  );

/**
 * Waits for a run of the scheduled function `functionId` that started after this call to complete:
 * whatever that scan would report, it has (so "nothing reported" then means nothing).
 */
export async function aLaterRunOf(harness: EngineHarness, functionId: string): Promise<void> {
  const since = Date.now();
  await waitFor(`a later ${functionId} run`, async () =>
    (await harness.runsFor(functionId)).some(
      (run) => run.status === "completed" && new Date(run.created_at).getTime() > since,
    )
      ? true
      : undefined,
  );
}
