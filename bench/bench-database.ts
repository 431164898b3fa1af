import pg from "pg";
import { type DatabaseHandle, openDatabase, openMemoryDatabase } from "../db";
import { migrateToLatest } from "../db/migrate";

export type BenchDatabase = {
  handle: DatabaseHandle;
  driver: "postgres" | "pglite";
  /** The benchmark database's URL on PostgreSQL (for other processes), undefined on PGlite. */
  url?: string;
  /** Closes the connection and, on PostgreSQL, drops the benchmark's database. */
  close: () => Promise<void>;
};

async function asAdmin(url: string, work: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * Drops the database once its clients have gone: a pool's end() resolves before its sockets
 * close, and a forced drop that beats them makes the closing client emit an unhandled error.
 */
async function dropDatabase(url: string, name: string): Promise<void> {
  await asAdmin(url, async (admin) => {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const { rows } = await admin.query<{ count: number }>(
        "select count(*)::int as count from pg_stat_activity where datname = $1",
        [name],
      );
      if ((rows[0]?.count ?? 0) === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await admin.query(`drop database if exists ${name} with (force)`);
  });
}

/**
 * A migrated database of the benchmark's own: a fresh PostgreSQL database next to DATABASE_URL's
 * (so a run never measures, or leaves rows in, a shared one), else an in-memory PGlite.
 */
export async function openBenchDatabase(label: string): Promise<BenchDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const handle = await openMemoryDatabase();
    await migrateToLatest(handle.db);
    return { handle, driver: "pglite", close: handle.close };
  }
  const name = `assetronics_bench_${label}_${process.pid}`;
  await asAdmin(url, (admin) => admin.query(`create database ${name}`));
  const benchUrl = new URL(url);
  benchUrl.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: benchUrl.toString(), dataDir: "" });
  await migrateToLatest(handle.db);
  return {
    handle,
    driver: "postgres",
    url: benchUrl.toString(),
    async close() {
      await handle.close();
      await dropDatabase(url, name);
    },
  };
}
