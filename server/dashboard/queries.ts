import type { Executor } from "../db";

/** Counts for the dashboard cards; each is one indexed aggregate over the tenant. */
export async function dashboardSummary(db: Executor, tenantId: string) {
  const [users, departments, locations, activity] = await Promise.all([
    db
      .selectFrom("users")
      .select(["role", (eb) => eb.fn.countAll<number>().as("count")])
      .where("tenant_id", "=", tenantId)
      .where("status", "=", "active")
      .groupBy("role")
      .execute(),
    db
      .selectFrom("departments")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("tenant_id", "=", tenantId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("locations")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("tenant_id", "=", tenantId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("events")
      .select(["id", "name", "actor_label as actorLabel", "occurred_at as occurredAt", "data"])
      .where("tenant_id", "=", tenantId)
      .orderBy("seq", "desc")
      .limit(10)
      .execute(),
  ]);
  return {
    usersByRole: Object.fromEntries(users.map((row) => [row.role, Number(row.count)])) as Record<
      string,
      number
    >,
    departments: Number(departments.count),
    locations: Number(locations.count),
    activity,
  };
}
