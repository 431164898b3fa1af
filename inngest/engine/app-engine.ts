import { functions } from "@/inngest/functions";
import type { Db } from "@/server/db";
import { database, getDb } from "@/server/db";
import { automationMode, env } from "@/server/env";
import { backgroundTurn, requestsInFlight } from "@/server/heavy-jobs";
import { logger } from "@/server/logger";
import { onShutdown } from "@/server/shutdown";
import { appServeUrl } from "./client-options";
import { type EmbeddedEngine, startEmbeddedEngine } from "./engine";
import { receiveEvents } from "./event-intake";
import { type EngineFunction, loadFunctions } from "./functions";
import { embeddedEventKey, embeddedSigningKey } from "./keys";
import { setRunningEngine, wakeRunningEngine } from "./running";

/** The app's wiring of the engine: its registry, its URL and keys derived from AUTH_SECRET. */
let appFunctions: EngineFunction[] | undefined;

function engineFunctions(): EngineFunction[] {
  appFunctions ??= loadFunctions(functions, appServeUrl(env));
  return appFunctions;
}

/** Starts the engine for this process (embedded mode) and stops it when the process shuts down. */
export function startAppEngine(db: Db): EmbeddedEngine {
  const engine = startEmbeddedEngine({
    db,
    serveUrl: appServeUrl(env),
    signingKey: embeddedSigningKey(env.AUTH_SECRET),
    functions,
    // While people's requests are in flight, two runs at a time take their turns on the thread
    // that serves them (as heavy jobs pause): with all 16, the runs an import's assignments start
    // held another tenant's page p99 over 400 ms on PostgreSQL (bench/isolation-under-load).
    whileBusy: { busy: () => requestsInFlight() > 0, maxConcurrentRuns: 2 },
    // Each call of a function and each batch of events dispatched is a turn among the heavy
    // jobs: while people browse, it waits for the pause after the turn before, as an import's
    // batches do. Before, an import's 55,000 events and the runs they started went at full speed
    // between the import's paced batches.
    turn: backgroundTurn,
    // The process-wide handle `db` came from: its listener wakes the engine on each commit.
    listen: async (channel, onNotify) => {
      const { listen } = await database();
      return listen ? listen(channel, onNotify) : async () => {};
    },
  });
  setRunningEngine(engine);
  // Before the database closes: steps in flight finish and are recorded (server/shutdown.ts).
  onShutdown(async () => {
    await engine.stop();
    logger.info("automation engine stopped");
  });
  return engine;
}

/** POST /api/inngest/engine/e/<key>: events from `step.sendEvent` and `inngest.send`. */
export async function receiveAppEvents(request: Request, key: string): Promise<Response> {
  if (automationMode() !== "embedded")
    return Response.json({ error: "Not found", status: 404 }, { status: 404 });
  return receiveEvents(request, key, {
    db: await getDb(),
    eventKey: embeddedEventKey(env.AUTH_SECRET),
    functions: engineFunctions(),
    onEnqueued: wakeRunningEngine,
  });
}
