// The embedded database on a thread of its own (started by db/pglite-thread.ts). PGlite runs
// every statement synchronously in WebAssembly: on the request thread a long statement (an import
// batch, a large export page) stopped every other request, /api/health included. Here it only
// occupies this thread, and the request thread keeps serving while it runs.
//
// Plain JavaScript on purpose: Next.js bundles the server's TypeScript, but a worker is started
// from a file on disk, and this one must stay outside any bundle (like PGlite itself).
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { preparedStatements } from "./pglite-statements.mjs";

/** The same parsers as db/index.ts's in-process PGlite: see there for why. */
const options = {
  parsers: { 20: (value) => Number.parseInt(value, 10), 1082: (value) => value },
  extensions: { pg_trgm, btree_gin },
};

/**
 * An error as plain data: structured cloning keeps only an Error's message, and callers map
 * PostgreSQL errors by `code`, `constraint`, `table` and `column`. Statement text and bound values
 * (`query`, `params`) stay on this side, as db/query-errors.ts would strip them anyway.
 */
function plainError(error) {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields = {};
  for (const [key, value] of Object.entries(error)) {
    if (key === "query" || key === "params" || key === "queryOptions") continue;
    if (value === null || ["string", "number", "boolean"].includes(typeof value)) fields[key] = value;
  }
  return { ...fields, name: error.name, message: error.message };
}

const port = parentPort;
let pglite;
try {
  pglite = await PGlite.create(workerData.dataDir, options);
} catch (error) {
  port.postMessage({ op: "failed", error: plainError(error) });
  process.exit(1);
}

/** Statements the app runs again stay prepared: PostgreSQL stops re-planning them. */
const statements = preparedStatements(pglite);

/** Unlisten functions by channel: the request thread fans a channel out to its own callbacks. */
const listening = new Map();

async function handle(message) {
  switch (message.op) {
    case "query": {
      const result = await statements.query(message.sql, message.params);
      return { rows: result.rows, affectedRows: result.affectedRows };
    }
    case "listen": {
      if (!listening.has(message.channel)) {
        const unlisten = await pglite.listen(message.channel, (payload) =>
          port.postMessage({ op: "notify", channel: message.channel, payload }),
        );
        listening.set(message.channel, unlisten);
      }
      return null;
    }
    case "unlisten": {
      const unlisten = listening.get(message.channel);
      listening.delete(message.channel);
      await unlisten?.();
      return null;
    }
    case "close": {
      await pglite.close();
      return null;
    }
    default:
      throw new Error(`Unknown operation ${message.op}`);
  }
}

port.on("message", (message) => {
  handle(message).then(
    (result) => port.postMessage({ id: message.id, ok: true, result }),
    (error) => port.postMessage({ id: message.id, ok: false, error: plainError(error) }),
  );
});
port.postMessage({ op: "ready" });
