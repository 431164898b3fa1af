import { type MigrationDb, runStatements } from "../sql-helpers";

/**
 * Employee CSV import (issue 12) through the asset import's pipeline: the same table holds both
 * kinds of import, so upload, mapping, the background dry run, the problem list and its report
 * download, progress and cancel are one code path (server/assets/import) for both.
 * - `kind`: what the rows become ('assets' or 'employees'); every query of an import names it, so
 *   an asset import is never opened as an employee import or listed with them.
 * - `created_rows`, `updated_rows`, `unchanged_rows`: an employee import's result. Rows match
 *   existing people by work email: new ones are created, matched ones updated where the file
 *   differs, and the rest left untouched (and counted).
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    `alter table asset_imports
       add column kind text not null default 'assets' check (kind in ('assets', 'employees')),
       add column created_rows integer not null default 0,
       add column updated_rows integer not null default 0,
       add column unchanged_rows integer not null default 0`,
    // recent imports of one kind in a tenant (each import page lists its own)
    `drop index asset_imports_tenant_idx`,
    `create index asset_imports_tenant_idx on asset_imports (tenant_id, kind, created_at desc)`,
  ]);
}
