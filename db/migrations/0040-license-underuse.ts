import { type MigrationDb, runStatements } from "../sql-helpers";

/**
 * Under-used licences: when admins and IT staff were last told a licence has most of its seats
 * idle, so the weekly check tells them again only after 30 days (or once it is used and idle again).
 */
export async function up(db: MigrationDb): Promise<void> {
  await runStatements(db, [`alter table licenses add column underused_notified_at timestamptz`]);
}
