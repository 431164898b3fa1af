import type { Executor } from "../db";

/** Runs of the tenant by status, for the overview cards. */
export async function runCountsByStatus(db: Executor, tenantId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("automation_runs")
    .select(["status", (eb) => eb.fn.countAll<number>().as("count")])
    .where("tenant_id", "=", tenantId)
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}
