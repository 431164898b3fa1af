import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { Kysely, PostgresDialect } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { type Listen, listenPglite, listenPostgres } from "./listen";
import type { DB } from "./types";

export type Database = Kysely<DB>;

export type DatabaseConfig = { databaseUrl?: string; dataDir: string };

export type DatabaseHandle = {
  db: Database;
  driver: "postgres" | "pglite";
  /**
   * Wake-ups on commit (PostgreSQL LISTEN/NOTIFY): how the automation engine learns of new events.
   * Optional so a handle wrapped around an existing Kysely instance (tests) needs none.
   */
  listen?: Listen;
  close: () => Promise<void>;
};

// bigint columns (event sequence numbers, counts) come back as JS numbers: they stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
// numeric (money) stays a string so no cent is lost to floating point.
// date stays the calendar day as written ("2026-01-31"): a JS Date would shift it by the time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

const pgliteOptions: PGliteOptions = {
  parsers: { 20: (value: string) => Number.parseInt(value, 10), 1082: (value: string) => value },
  // trigram indexes serve "contains" search on assets and employees; btree_gin lets them lead
  // with tenant_id
  extensions: { pg_trgm, btree_gin },
};

/** Opens PostgreSQL when a URL is given, else an embedded PGlite persisted under the data dir. */
export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, driver: "postgres", listen: listenPostgres(config.databaseUrl), close: () => db.destroy() };
  }
  const dir = path.resolve(config.dataDir, "pglite");
  mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create(dir, pgliteOptions);
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return { db, driver: "pglite", listen: listenPglite(pglite), close: () => db.destroy() };
}

/** Opens an in-memory PGlite (tests and tooling). */
export async function openMemoryDatabase(): Promise<DatabaseHandle> {
  const pglite = await PGlite.create(pgliteOptions);
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return { db, driver: "pglite", listen: listenPglite(pglite), close: () => db.destroy() };
}
