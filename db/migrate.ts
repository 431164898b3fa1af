import { type Migration, type MigrationResultSet, Migrator, sql } from "kysely";
import { migrations } from "./migrations";
import type { MigrationDb } from "./sql-helpers";

/**
 * Each migration with the connection's statement timeout lifted for its transaction: an index
 * built on a large table may take longer than any request should (DATABASE_STATEMENT_TIMEOUT_MS).
 */
const withoutTimeout = Object.fromEntries(
  Object.entries(migrations).map(([name, migration]): [string, Migration] => [
    name,
    {
      up: async (db) => {
        await sql`set local statement_timeout = 0`.execute(db);
        await migration.up(db);
      },
    },
  ]),
);

/** Applies every pending migration; throws with the failing migration's name and cause. */
export async function migrateToLatest(db: MigrationDb): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => withoutTimeout },
    migrationTableName: "schema_migrations",
    migrationLockTableName: "schema_migrations_lock",
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error");
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? "(unknown)"} failed: ${cause}`, {
      cause: result.error,
    });
  }
  return result;
}
