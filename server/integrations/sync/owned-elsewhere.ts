import type { TenantScope } from "../../context";
import type { Executor } from "../../db";

/**
 * A person another integration of the tenant already owns (two HR systems listing the same people,
 * matched by work email) is skipped, not failed: by design, one integration keeps a person in sync.
 * The skip is reported with this reason, and a run whose only reported records are such skips still
 * succeeds. The reason's words are how the run's end tells them from real problems, so the reason
 * and the count below are built from the same words, here only.
 */
const OPENING = "Owned by ";
const ADVICE =
  "To sync this person from here instead, remove that integration (the people it brought stay, as manual records), then press Full resync here.";

/**
 * "Owned by the integration 'BambooHR (HR)'. To sync this person from here instead, ...". The
 * owner's name is missing only when it was removed while this page was read (a full resync adopts).
 */
export const ownedElsewhereReason = (ownerName: string | undefined): string =>
  `${OPENING}${ownerName ? `the integration '${ownerName}'` : "another integration"}. ${ADVICE}`;

/** The names of the integrations that own the given people, by integration id. */
export async function ownerNames(scope: TenantScope, integrationIds: readonly string[]) {
  if (integrationIds.length === 0) return new Map<string, string>();
  const rows = await scope.db
    .selectFrom("integrations")
    .select(["id", "name"])
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "in", [...new Set(integrationIds)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** How many of a run's reported records are people owned by another integration. */
export async function ownedElsewhereCount(db: Executor, tenantId: string, runId: string): Promise<number> {
  const row = await db
    .selectFrom("integration_run_errors")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("tenant_id", "=", tenantId)
    .where("run_id", "=", runId)
    .where("reason", "like", `${OPENING}%${ADVICE}`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
