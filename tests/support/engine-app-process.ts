// A server process in miniature, run on its own (`node --import tsx`) by the shutdown tests: the
// app's database on a PGlite data dir, an HTTP server serving one Inngest function and the
// engine's event API, the embedded engine, and the app's own signal handling (server/shutdown.ts).
// Its one function has an effect outside the database (a line appended to EFFECTS_FILE), the kind
// a step run twice would repeat: an email, an SMS, a provider push.
//
// Environment: DATA_DIR, EFFECTS_FILE, STEP_MS (how long the step runs after its effect),
// SHUTDOWN=app (the app's handler) or SHUTDOWN=exit (exit at once on SIGTERM, as Next.js's own
// handler does once its server has closed). Prints "events <url>" once the engine is running: a
// POST of `{"name": "test/effect.requested", "data": {"key": "..."}}` there starts the function. GET
// /stream opens a live notification stream (answered in full once it ends: the test server buffers).
import { randomUUID } from "node:crypto";
import { appendFileSync } from "node:fs";
import { Inngest } from "inngest";
import { serve } from "inngest/edge";
import { openDatabase } from "@/db";
import { migrateToLatest } from "@/db/migrate";
import { ENGINE_BASE_PATH, embeddedClientOptions, embeddedServeUrl } from "@/inngest/engine/client-options";
import { startEmbeddedEngine } from "@/inngest/engine/engine";
import { receiveEvents } from "@/inngest/engine/event-intake";
import { loadFunctions } from "@/inngest/engine/functions";
import { embeddedEventKey, embeddedSigningKey } from "@/inngest/engine/keys";
// Not a React hook, whatever its name says: it makes `handle` the one server code reaches.
import { useDatabase as shareDatabase } from "@/server/db";
import { notificationStream } from "@/server/notifications/stream";
import { exitOnSignals, onShutdown, watchHttpServers } from "@/server/shutdown";
import { type FetchHandler, startHttpServer } from "./http-server";

const SECRET = "engine-app-process-secret-engine-app-process";
const EFFECT_EVENT = "test/effect.requested";

const dataDir = process.env.DATA_DIR ?? "";
const effectsFile = process.env.EFFECTS_FILE ?? "";
const stepMs = Number(process.env.STEP_MS ?? 1_500);

const handle = await openDatabase({ dataDir });
await migrateToLatest(handle.db);
// The live streams' listener is the process-wide database's.
shareDatabase(handle);
if (process.env.SHUTDOWN === "exit") process.on("SIGTERM", () => process.exit(143));
else {
  watchHttpServers();
  exitOnSignals(() => handle.close());
}

let route: FetchHandler = async () => new Response("starting", { status: 503 });
const server = await startHttpServer((request) => route(request));
const client = new Inngest(
  embeddedClientOptions({ id: "shutdown", secret: SECRET, serveUrl: embeddedServeUrl(server.url) }),
);
const functions = [
  client.createFunction(
    { id: "effect", retries: 2, triggers: [{ event: EFFECT_EVENT }] },
    async ({ event, step }) => {
      await step.run("send", async () => {
        appendFileSync(effectsFile, `sent ${event.data.key}\n`);
        // The effect is out; the step has yet to answer when the signal comes.
        await new Promise((resolve) => setTimeout(resolve, stepMs));
      });
      await step.run("record", () => appendFileSync(effectsFile, `recorded ${event.data.key}\n`));
    },
  ),
];
const serveUrl = embeddedServeUrl(server.url);
const serveHandler = serve({ client, functions });
const engineFunctions = loadFunctions(functions, serveUrl);
const engine = startEmbeddedEngine({
  db: handle.db,
  serveUrl,
  signingKey: embeddedSigningKey(SECRET),
  functions,
  listen: handle.listen,
  pollMs: 100,
  // Short, so a step the first process lost would be taken over by the second within the test.
  leaseMs: 2_000,
  backoffBaseMs: 100,
});
onShutdown(() => engine.stop());

const eventPath = `${ENGINE_BASE_PATH}e/`;
route = async (request) => {
  const { pathname } = new URL(request.url);
  // A live notification stream (an open bell), which shutdown must end for the server to close.
  if (pathname === "/stream") {
    const user = { tenantId: randomUUID(), id: randomUUID() };
    return new Response(notificationStream(handle.db, user, request.signal));
  }
  if (!pathname.startsWith(eventPath)) return serveHandler(request);
  return receiveEvents(request, pathname.slice(eventPath.length), {
    db: handle.db,
    eventKey: embeddedEventKey(SECRET),
    functions: engineFunctions,
    onEnqueued: () => engine.wake(),
  });
};
console.log(`events ${server.url}${eventPath}${embeddedEventKey(SECRET)}`);
