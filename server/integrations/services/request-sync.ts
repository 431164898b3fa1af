import type { TenantScope } from "../../context";
import { isUniqueViolation } from "../../db-errors";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { activeRun, latestRun, lockIntegration, type RunRow } from "../queries";
import { type IntegrationRuntime, providerOf } from "../runtime";
import type { RunMode } from "../schemas";

export type SyncRequest = {
  integrationId: string;
  /** "manual": Sync now; "schedule": the hourly cron. A manual request after a failed run resumes it ("retry"). */
  trigger: "manual" | "schedule";
  /** A full resync, even where the provider could send only the changes. */
  full?: boolean;
};

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});

const alreadyRunning = (name: string, run: Pick<RunRow, "started_at" | "created_at">) =>
  new AppError(
    "CONFLICT",
    `A sync of ${name} is already running (started ${timeFormat.format(run.started_at ?? run.created_at)}).`,
  );

/**
 * Queues a sync: a run row (queued) and integration.sync_requested, which the sync function picks
 * up. One run at a time per integration: a request while one is queued or running is refused with
 * CONFLICT (the partial unique index settles two requests racing past the check). The mode is
 * incremental where the provider allows it and a run has succeeded before (changes since its
 * start), full otherwise or when asked. A manual request after a failed run that committed pages
 * resumes it from its last committed page, in the same mode ("retry"). A scheduled request for a
 * disabled integration, or one already syncing, does nothing (returns null).
 */
export async function requestSync(
  scope: TenantScope,
  runtime: Pick<IntegrationRuntime, "adapterFor">,
  request: SyncRequest,
): Promise<{ runId: string } | null> {
  const row = await lockIntegration(scope.db, scope.tenantId, request.integrationId);
  const scheduled = request.trigger === "schedule";
  if (!row.enabled) {
    if (scheduled) return null;
    throw new AppError("CONFLICT", `${row.name} is disabled. Enable it to sync.`);
  }
  const active = await activeRun(scope.db, scope.tenantId, row.id);
  if (active) {
    if (scheduled) return null;
    throw alreadyRunning(row.name, active);
  }

  const adapter = runtime.adapterFor(providerOf(row.provider));
  const last = await latestRun(scope.db, scope.tenantId, row.id);
  const resume =
    !scheduled && !request.full && last?.status === "failed" && last.cursor !== null ? last : null;
  const mode: RunMode = resume
    ? (resume.mode as RunMode)
    : request.full || !adapter.incremental || !row.sync_watermark
      ? "full"
      : "incremental";
  const trigger = resume ? "retry" : request.trigger;

  let runId: string;
  try {
    const run = await scope.db
      .insertInto("integration_runs")
      .values({
        tenant_id: scope.tenantId,
        integration_id: row.id,
        trigger,
        requested_by_label: scope.actor.type === "user" ? scope.actor.label : null,
        mode,
        since: resume ? resume.since : mode === "incremental" ? row.sync_watermark : null,
        cursor: resume?.cursor ?? null,
        status: "queued",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    runId = run.id;
  } catch (error) {
    // Unreachable while the integration row is locked first; the index is the backstop.
    if (!isUniqueViolation(error, "integration_runs_active_key")) throw error;
    throw alreadyRunning(row.name, { started_at: null, created_at: new Date() });
  }
  await emit(scope, {
    name: "integration.sync_requested",
    entityId: row.id,
    data: { integrationId: row.id, runId, mode, trigger },
  });
  return { runId };
}
