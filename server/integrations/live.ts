import { sql } from "kysely";
import type { Actor } from "@/inngest/events";
import type { TenantScope } from "../context";
import type { Trx } from "../db";

/** The PostgreSQL channel that says "this sync run's progress changed" (payload: the run id). */
export const INTEGRATION_RUNS_CHANNEL = "assetronics_integration_runs";

/**
 * Tells every replica, once the transaction commits (NOTIFY is transactional), that a run moved
 * on (a page committed, an attempt failed, the run ended), so open progress streams send it.
 */
export async function announceRun(trx: Trx, runId: string): Promise<void> {
  await sql`select pg_notify(${INTEGRATION_RUNS_CHANNEL}, ${runId})`.execute(trx);
}

/** How a sync's changes are recorded: by the integration, named as the admin named it. */
export const integrationActor = (
  integration: { id: string; name: string },
  providerLabel: string,
): Actor => ({
  type: "integration",
  id: integration.id,
  label: `Integration: ${integration.name} (${providerLabel})`,
});

/** The scope's transaction and cause, acting as the integration. */
export const asIntegration = (scope: TenantScope, actor: Actor): TenantScope => ({ ...scope, actor });
