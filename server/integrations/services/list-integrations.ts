import type { z } from "zod";
import type { Executor } from "../../db";
import {
  activeRun,
  findIntegration,
  latestRuns,
  listIntegrationRows,
  runSummaryOf,
  successRates,
} from "../queries";
import { type IntegrationRuntime, providerLabel, providerOf } from "../runtime";
import type {
  FieldPolicy,
  IntegrationDetail,
  IntegrationListItem,
  IntegrationSchedule,
  RunSummary,
} from "../schemas";

type Health = z.infer<typeof IntegrationListItem>["health"];

/** An integration at a glance: disabled, never run, or by its last finished run. */
function healthOf(enabled: boolean, lastFinished: RunSummary | null): Health {
  if (!enabled) return "disabled";
  if (!lastFinished) return "never_run";
  return lastFinished.status === "failed" ? "failing" : "healthy";
}

/** Every integration of the tenant with its last run, health and success rate (settings list). */
export async function listIntegrations(
  db: Executor,
  tenantId: string,
  runtime: Pick<IntegrationRuntime, "adapterFor">,
): Promise<z.infer<typeof IntegrationListItem>[]> {
  const [rows, latest, rates] = [
    await listIntegrationRows(db, tenantId),
    await latestRuns(db, tenantId),
    await successRates(db, tenantId),
  ];
  const lastFinished = await db
    .selectFrom("integration_runs")
    .selectAll()
    .distinctOn("integration_id")
    .where("tenant_id", "=", tenantId)
    .where("status", "in", ["succeeded", "partial", "failed"])
    .orderBy("integration_id")
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  const latestBy = new Map(latest.map((run) => [run.integration_id, runSummaryOf(run)]));
  const finishedBy = new Map(lastFinished.map((run) => [run.integration_id, runSummaryOf(run)]));
  return rows.map((row) => {
    const lastRun = latestBy.get(row.id) ?? null;
    return {
      id: row.id,
      provider: providerOf(row.provider),
      providerLabel: providerLabel(runtime, row.provider),
      name: row.name,
      enabled: row.enabled,
      schedule: row.schedule as IntegrationSchedule,
      health: healthOf(row.enabled, finishedBy.get(row.id) ?? null),
      lastRun,
      successRate: rates.get(row.id) ?? null,
      running: lastRun?.status === "queued" || lastRun?.status === "running",
    };
  });
}

/** One integration for its page: settings, credential hints (never values) and any running run. */
export async function getIntegration(
  db: Executor,
  tenantId: string,
  runtime: Pick<IntegrationRuntime, "adapterFor">,
  id: string,
): Promise<z.infer<typeof IntegrationDetail>> {
  const row = await findIntegration(db, tenantId, id);
  const running = await activeRun(db, tenantId, id);
  return {
    id: row.id,
    provider: providerOf(row.provider),
    providerLabel: providerLabel(runtime, row.provider),
    name: row.name,
    enabled: row.enabled,
    schedule: row.schedule as IntegrationSchedule,
    fieldPolicy: row.field_policy as FieldPolicy,
    options: (row.options ?? {}) as Record<string, string>,
    credentialHints: (row.credential_hints ?? {}) as Record<string, string>,
    createdAt: row.created_at,
    runningRunId: running?.id ?? null,
  };
}
