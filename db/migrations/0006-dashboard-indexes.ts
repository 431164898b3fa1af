import { type MigrationDb, runStatements } from "../sql-helpers";

/**
 * The staff dashboard at 100k assets and 1M history entries per tenant.
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [
    // The dashboard's weekly activity chart (server/dashboard/queries.ts, activityByWeek): a few
    // transaction types over the last 12 weeks. The other asset_transactions indexes lead with an
    // asset or an employee, so without this one the chart read every history entry of the tenant.
    // Led by type, so the scan reads only those types' entries in the window, from the index alone
    // (the table is append-only, so its pages stay all-visible).
    `create index asset_transactions_type_idx on asset_transactions (tenant_id, type, occurred_at)`,
  ]);
}
