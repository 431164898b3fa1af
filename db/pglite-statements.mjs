// PGlite's query() parses, rewrites (row-level security adds its policies here) and plans every
// statement on every call. The app runs the same few hundred statements all day, so this keeps
// the ones it sees again as named prepared statements: PostgreSQL then reuses their parse and, once
// its plan cache finds the generic plan no worse than the custom ones (after five runs, as for any
// prepared statement), the plan too. A page's statements took half the embedded database's time.
//
// Plain JavaScript: the embedded database's worker thread (db/pglite-worker.mjs) loads it from
// disk, outside any bundle; db/index.ts uses it for the in-process PGlite of tests and tooling.
import { parse, protocol } from "@electric-sql/pglite";

const { serialize } = protocol;

/** How many statements stay prepared; the least recently used one is closed beyond this. */
export const PREPARED_STATEMENT_LIMIT = 300;
/** How many once-seen statements are remembered, waiting for a second run to be prepared. */
const SEEN_LIMIT = 2_000;
/** Only data statements are worth a plan; `begin`, `set`, DDL and the like run as before. */
const CACHEABLE = /^\s*(select|insert|update|delete|with)\b/i;
/** PostgreSQL's refusal to run a prepared statement whose result columns a migration changed. */
const RESULT_TYPE_CHANGED = "cached plan must not change result type";
/** Names are unique in the process, so two callers over one PGlite never reuse each other's. */
let counter = 0;

/**
 * `query(sql, params)` over `pglite` with statements run twice kept prepared. Results and errors
 * are PGlite's own: the same parsers, the same DatabaseError fields.
 *
 * @param {import("@electric-sql/pglite").PGlite} pglite
 * @param {{ limit?: number }} [options]
 */
export function preparedStatements(pglite, { limit = PREPARED_STATEMENT_LIMIT } = {}) {
  /** @type {Map<string, { name: string; types: number[] }>} by SQL, least recently used first */
  const prepared = new Map();
  const seen = new Set();

  const send = (message) => pglite.execProtocolStream(message, { syncToFs: false });

  async function prepare(sql) {
    const name = `assetronics_${counter++}`;
    try {
      await send(serialize.parse({ name, text: sql }));
      const described = await send(serialize.describe({ type: "S", name }));
      return { name, types: parse.parseDescribeStatementResults(described) };
    } finally {
      await send(serialize.sync());
    }
  }

  async function close(name) {
    await send(serialize.close({ type: "S", name }));
    await send(serialize.sync());
  }

  async function run(statement, params) {
    const values = params.map((value, index) => {
      if (value === null || value === undefined) return null;
      const serializer = pglite.serializers[statement.types[index]];
      return serializer ? serializer(value) : value.toString();
    });
    const messages = [];
    try {
      messages.push(...(await send(serialize.bind({ statement: statement.name, values }))));
      messages.push(...(await send(serialize.describe({ type: "P" }))));
      messages.push(...(await send(serialize.execute({}))));
    } finally {
      messages.push(...(await send(serialize.sync())));
    }
    await pglite.syncToFs();
    return parse.parseResults(messages, pglite.parsers)[0];
  }

  /** The prepared statement for `sql`, prepared now if need be; the least recent one closed. */
  async function statementFor(sql) {
    const known = prepared.get(sql);
    if (known) {
      prepared.delete(sql);
      prepared.set(sql, known);
      return known;
    }
    const statement = await prepare(sql);
    prepared.set(sql, statement);
    if (prepared.size > limit) {
      const [oldestSql, oldest] = prepared.entries().next().value;
      prepared.delete(oldestSql);
      await close(oldest.name);
    }
    return statement;
  }

  async function query(sql, params = []) {
    if (!CACHEABLE.test(sql)) return pglite.query(sql, params);
    if (!prepared.has(sql) && !seen.has(sql)) {
      if (seen.size >= SEEN_LIMIT) seen.clear();
      seen.add(sql);
      return pglite.query(sql, params);
    }
    seen.delete(sql);
    return pglite.runExclusive(async () => {
      const statement = await statementFor(sql);
      try {
        return await run(statement, params);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.includes(RESULT_TYPE_CHANGED)) throw error;
        // A migration changed what the statement returns: prepare it afresh. Inside a transaction
        // the error has already ended it, so the caller sees the error and retries as it would.
        prepared.delete(sql);
        await close(statement.name);
        if (pglite.isInTransaction()) throw error;
        return run(await statementFor(sql), params);
      }
    });
  }

  return { query, prepared: () => prepared.size };
}
