import { type Kysely, sql } from "kysely";

/** Migrations run before (and independently of) the generated table types. */
// biome-ignore lint/suspicious/noExplicitAny: migrations operate on a schema the types do not describe yet
export type MigrationDb = Kysely<any>;

/** The database role every tenant request runs as (SET LOCAL ROLE). */
export const APP_ROLE = "assetronics_app";

/** Runs statements one at a time: PGlite's prepared queries take a single statement each. */
export async function runStatements(db: MigrationDb, statements: readonly string[]): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

/**
 * Forced row-level security on tenant tables: in a tenant transaction a query sees and writes only
 * rows of app.tenant_id, even with no tenant filter of its own. Platform services see all rows.
 */
export async function enableTenantRls(db: MigrationDb, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await runStatements(db, [
      `alter table ${table} enable row level security`,
      `alter table ${table} force row level security`,
      // Only the app role's policy applies to tenant requests: a plain equality on tenant_id, so
      // the planner can use the (tenant_id, ...) indexes even when a query forgets its filter.
      `create policy tenant_isolation on ${table} to ${APP_ROLE}
         using (tenant_id = app_current_tenant())
         with check (tenant_id = app_current_tenant())`,
      ...platformPolicy(table),
    ]);
  }
}

/** Platform services run as the migrating (owner) role with app.platform = 'on'. */
export function platformPolicy(table: string): string[] {
  return [
    `do $$ begin
       execute format('create policy platform_access on ${table} to %I using (app_platform_access()) with check (app_platform_access())', current_user);
     end $$`,
  ];
}
