import { type MigrationResultSet, Migrator } from "kysely";
import { migrations } from "./migrations";
import type { MigrationDb } from "./sql-helpers";

/** Applies every pending migration; throws with the failing migration's name and cause. */
export async function migrateToLatest(db: MigrationDb): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
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
