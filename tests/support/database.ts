import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { type DatabaseHandle, openDatabase, openMemoryDatabase } from "@/db";
import { migrateToLatest } from "@/db/migrate";
import { useDatabase } from "@/server/db";

/** PostgreSQL when the suite has one (DATABASE_URL), else a fresh migrated in-memory PGlite. */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const url = inject("testDatabaseUrl");
  if (url) return openDatabase({ databaseUrl: url, dataDir: "" });
  return openMigratedPglite();
}

export async function openMigratedPglite(): Promise<DatabaseHandle> {
  const handle = await openMemoryDatabase();
  await migrateToLatest(handle.db);
  return handle;
}

/**
 * A database of its own, for tests that drain global queues (event deliveries, function runs)
 * and must not race other test files: a clone of the migrated template on PostgreSQL, a fresh
 * PGlite otherwise.
 */
export async function openIsolatedTestDatabase(): Promise<DatabaseHandle> {
  const shared = inject("testDatabaseUrl");
  const template = inject("testTemplateDatabase");
  if (!shared || !template) return openMigratedPglite();
  const name = `${template.replace(/_tpl$/, "")}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: shared });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const url = new URL(shared);
  url.pathname = `/${name}`;
  return openDatabase({ databaseUrl: url.toString(), dataDir: "" });
}

/** Opens the test database and makes it the one server code uses (getDb()). */
export async function useTestDatabase(options: { isolated?: boolean } = {}): Promise<DatabaseHandle> {
  const handle = options.isolated ? await openIsolatedTestDatabase() : await openTestDatabase();
  useDatabase(handle);
  return handle;
}
