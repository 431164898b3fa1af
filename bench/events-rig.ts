import { randomUUID } from "node:crypto";
import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/edge";
import { embeddedClientOptions, embeddedServeUrl } from "../inngest/engine/client-options";
import { type EmbeddedEngine, type EngineOptions, startEmbeddedEngine } from "../inngest/engine/engine";
import { invokeFunction } from "../inngest/engine/invoke";
import { embeddedSigningKey } from "../inngest/engine/keys";
import type { Db } from "../server/db";
import { snapshotProcessEnv } from "../server/process-env";
import { startHttpServer } from "../tests/support/http-server";

const SECRET = "events-bench-secret-events-bench-secret-0123";
const APP_ID = "bench";
const FUNCTION_ID = "record-start";

export type EventsRig = {
  /** Wall-clock ms (sub-ms precision) of the function's first call, by event id. */
  starts: Map<string, number>;
  functionId: string;
  /**
   * Signed calls per second the serve endpoint answers on its own (no engine, no database), from
   * `concurrency` callers: the ceiling for runs of one call each in this process.
   */
  serveCeiling: (calls: number, concurrency: number) => Promise<number>;
  close: () => Promise<void>;
};

export type EventsRigOptions = Pick<EngineOptions, "listen"> & {
  /**
   * The app's functions, built on the rig's client, for the engine to run in place of the no-op
   * (which stays served, for serveCeiling): a benchmark of real work measures its ceiling with a
   * rig without them, on the same events, in the same run.
   */
  functions?: (client: Inngest) => InngestFunction.Any[];
};

/**
 * The app's automation path in one process: a real HTTP server serving one trivial function
 * through the SDK's handler, and the embedded engine with the app's own defaults (poll, lease,
 * concurrency) calling it, woken on commit like the app's when given `listen`.
 */
export async function startEventsRig(
  db: Db,
  eventName: string,
  { functions: appFunctions, ...extra }: EventsRigOptions = {},
): Promise<EventsRig> {
  // As the app's server does at boot (server/boot.ts).
  snapshotProcessEnv();
  const starts = new Map<string, number>();
  let handler: (request: Request) => Promise<Response> = async () =>
    new Response("starting", { status: 503 });
  const server = await startHttpServer((request) => handler(request));
  const client = new Inngest(
    embeddedClientOptions({ id: APP_ID, secret: SECRET, serveUrl: embeddedServeUrl(server.url) }),
  );
  const recordStart = client.createFunction(
    { id: FUNCTION_ID, retries: 0, triggers: [{ event: eventName }] },
    async ({ event }) => {
      if (event.id && !starts.has(event.id)) starts.set(event.id, performance.timeOrigin + performance.now());
      return null;
    },
  );
  const engineFunctions = appFunctions ? appFunctions(client) : [recordStart];
  handler = serve({ client, functions: appFunctions ? [recordStart, ...engineFunctions] : engineFunctions });
  const serveUrl = embeddedServeUrl(server.url);
  const signingKey = embeddedSigningKey(SECRET);
  const engine: EmbeddedEngine = startEmbeddedEngine({
    db,
    serveUrl,
    signingKey,
    functions: engineFunctions,
    ...extra,
  });
  const functionId = `${APP_ID}-${FUNCTION_ID}`;

  async function serveCeiling(calls: number, concurrency: number): Promise<number> {
    const url = `${serveUrl}?fnId=${functionId}&stepId=step`;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next++ < calls) {
          const event = { id: `ceiling-${randomUUID()}`, name: eventName, data: {}, ts: Date.now() };
          const result = await invokeFunction({
            url,
            stepId: "step",
            signingKey,
            runId: randomUUID(),
            event,
            events: null,
            steps: {},
            stack: [],
            attempt: 0,
            maxAttempts: 1,
            signal: AbortSignal.timeout(10_000),
          });
          if (result.kind !== "completed")
            throw new Error(`The serve endpoint failed: ${JSON.stringify(result)}`);
        }
      }),
    );
    return calls / ((performance.now() - started) / 1000);
  }

  return {
    starts,
    functionId,
    serveCeiling,
    async close() {
      await engine.stop();
      await server.close();
    },
  };
}
