import type { InTenant, TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { openCredentials } from "../credentials";
import { IntegrationError, type IntegrationErrorKind, type PulledPage } from "../hris/adapter";
import { announceRun, asIntegration, integrationActor } from "../live";
import { activeRun, findIntegration, lockRun, type RunRow } from "../queries";
import { type IntegrationRuntime, providerLabel, providerOf } from "../runtime";
import type { FieldPolicy } from "../schemas";
import { applyPeople, type PageCounts } from "../sync/apply-page";
import { linkManagers } from "../sync/link-managers";
import { ownedElsewhereCount } from "../sync/owned-elsewhere";
import { adminSentence } from "./test-connection";

/**
 * The steps of one sync run, each a service the sync function calls in its own step:
 * start -> a page at a time (pull outside any transaction, then apply in one) -> finish, or fail.
 * The run row is the state: its cursor is the `next` of the last committed page, so a retried
 * step, a retried function run or a "retry" run resumes after the last committed page.
 */

const ERROR_CHUNK = 1_000;

/** A run is over once its last page is committed: it has pages and no cursor left. */
const pagesDone = (run: RunRow) => run.pages > 0 && run.cursor === null;

/** Marks the run running (again, for a retried function run after a failure). Done runs stay done. */
export async function startSyncRun(scope: TenantScope, runId: string): Promise<{ done: boolean }> {
  const run = await lockRun(scope.db, scope.tenantId, runId);
  if (run.status === "succeeded" || run.status === "partial") return { done: true };
  if (run.status === "failed") {
    const other = await activeRun(scope.db, scope.tenantId, run.integration_id);
    if (other && other.id !== run.id)
      throw new AppError(
        "CONFLICT",
        "Another sync of this integration started since; this one stays failed.",
      );
  }
  await scope.db
    .updateTable("integration_runs")
    .set({ status: "running", started_at: run.started_at ?? new Date(), finished_at: null })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", run.id)
    .execute();
  await announceRun(scope.db, run.id);
  return { done: false };
}

export type PageOutcome = { done: boolean; pages: number; counts: PageCounts | null };

/**
 * How much one step takes on: pages are pulled until they hold this many records (or this many
 * pages), then applied together. A step's own cost (two transactions, the engine's round trip) is
 * then paid per thousand people, however small the provider's pages (Rippling's 100, Okta's 200).
 */
const RECORDS_PER_STEP = 1_000;
const PAGES_PER_STEP = 20;

/**
 * Pulls the pages after the run's cursor (up to RECORDS_PER_STEP records) and applies them. The
 * provider is called between two short transactions, never inside one. A provider error on the
 * first page is recorded on the run (the page shows "retrying: ...") and thrown for the function
 * to retry or give up; on a later page, the pages already pulled are applied first and the next
 * step meets the error again. What earlier steps committed stays, and a page already committed
 * by an earlier attempt is not applied twice.
 */
export async function syncPage(
  inTenant: InTenant,
  runtime: IntegrationRuntime,
  runId: string,
): Promise<PageOutcome> {
  const before = await inTenant(async (scope) => {
    const run = await lockRun(scope.db, scope.tenantId, runId);
    const integration = await findIntegration(scope.db, scope.tenantId, run.integration_id);
    return {
      run,
      provider: providerOf(integration.provider),
      credentials: openCredentials(scope.tenantId, integration.id, integration.credentials_sealed),
      options: (integration.options ?? {}) as Record<string, string>,
    };
  });
  const { run } = before;
  if (run.status !== "running" || pagesDone(run)) return { done: true, pages: run.pages, counts: null };

  const adapter = runtime.adapterFor(before.provider);
  const pulled: PulledPage[] = [];
  let cursor = run.cursor;
  let records = 0;
  do {
    try {
      const page = await adapter.pullPage({
        credentials: before.credentials,
        options: before.options,
        fetch: runtime.fetch,
        since: run.mode === "incremental" ? run.since : null,
        cursor,
      });
      pulled.push(page);
      cursor = page.next;
      records += page.records.length;
    } catch (error) {
      if (pulled.length > 0) break;
      if (error instanceof IntegrationError)
        await inTenant((scope) => recordAttemptError(scope, runId, error));
      throw error;
    }
  } while (
    cursor !== null &&
    records < (runtime.recordsPerStep ?? RECORDS_PER_STEP) &&
    pulled.length < PAGES_PER_STEP
  );
  const page: PulledPage = {
    records: pulled.flatMap((one) => one.records),
    next: cursor,
    total: pulled.at(-1)?.total ?? null,
  };

  return inTenant(async (scope) => {
    const current = await lockRun(scope.db, scope.tenantId, runId);
    if (current.status !== "running" || current.pages !== run.pages || current.cursor !== run.cursor)
      return { done: current.status !== "running" || pagesDone(current), pages: current.pages, counts: null };
    const integration = await findIntegration(scope.db, scope.tenantId, current.integration_id);
    const label = providerLabel(runtime, integration.provider);
    const acting = asIntegration(scope, integrationActor(integration, label));
    const { counts, errors } = await applyPeople(
      acting,
      {
        integrationId: integration.id,
        providerLabel: label,
        fieldPolicy: integration.field_policy as FieldPolicy,
      },
      page,
    );
    for (let start = 0; start < errors.length; start += ERROR_CHUNK) {
      await scope.db
        .insertInto("integration_run_errors")
        .values(
          errors.slice(start, start + ERROR_CHUNK).map((error) => ({
            tenant_id: scope.tenantId,
            run_id: runId,
            external_id: error.externalId,
            reason: error.reason,
          })),
        )
        .execute();
    }
    await scope.db
      .updateTable("integration_runs")
      .set((eb) => ({
        pages: eb("pages", "+", pulled.length),
        cursor: page.next,
        total: page.total ?? current.total,
        added: eb("added", "+", counts.added),
        updated: eb("updated", "+", counts.updated),
        unchanged: eb("unchanged", "+", counts.unchanged),
        skipped: eb("skipped", "+", counts.skipped),
        failed: eb("failed", "+", counts.failed),
        error: null,
        error_kind: null,
      }))
      .where("tenant_id", "=", scope.tenantId)
      .where("id", "=", runId)
      .execute();
    await announceRun(scope.db, runId);
    return { done: page.next === null, pages: current.pages + pulled.length, counts };
  });
}

/** The provider error of the attempt that just failed, shown while the run retries. */
export async function recordAttemptError(scope: TenantScope, runId: string, error: IntegrationError) {
  await scope.db
    .updateTable("integration_runs")
    .set({ error: adminSentence(error), error_kind: error.kind })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", runId)
    .where("status", "=", "running")
    .execute();
  await announceRun(scope.db, runId);
}

/**
 * Ends a run whose pages are all committed: links the managers who arrived after their reports,
 * marks it succeeded (or partial, when records failed or were skipped for a fault: people another
 * integration owns are skipped by design and leave it succeeded), moves the integration's
 * watermark to the run's start (the next incremental sync asks for changes since then) and emits
 * integration.sync_completed. A run already ended is left as it is.
 */
export async function finishSyncRun(
  scope: TenantScope,
  runtime: Pick<IntegrationRuntime, "adapterFor">,
  runId: string,
) {
  const run = await lockRun(scope.db, scope.tenantId, runId);
  if (run.status !== "running") return { status: run.status };
  const integration = await findIntegration(scope.db, scope.tenantId, run.integration_id);
  const acting = asIntegration(
    scope,
    integrationActor(integration, providerLabel(runtime, integration.provider)),
  );
  const linked = await linkManagers(acting, integration.id, integration.field_policy as FieldPolicy);
  const faultySkips =
    run.skipped > 0 ? run.skipped - (await ownedElsewhereCount(scope.db, scope.tenantId, run.id)) : 0;
  const status = faultySkips + run.failed > 0 ? "partial" : "succeeded";
  await scope.db
    .updateTable("integration_runs")
    .set({
      status,
      finished_at: new Date(),
      updated: run.updated + linked,
      cursor: null,
      error: null,
      error_kind: null,
    })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", run.id)
    .execute();
  await scope.db
    .updateTable("integrations")
    .set({ sync_watermark: run.started_at })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", integration.id)
    .execute();
  await emit(acting, {
    name: "integration.sync_completed",
    entityId: integration.id,
    data: {
      integrationId: integration.id,
      runId: run.id,
      status,
      counts: {
        pages: run.pages,
        added: run.added,
        updated: run.updated + linked,
        unchanged: run.unchanged,
        skipped: run.skipped,
        failed: run.failed,
      },
    },
  });
  await announceRun(scope.db, run.id);
  return { status };
}

/**
 * Ends a run as failed, keeping what its committed pages applied and its cursor (a retry resumes
 * there), and emits integration.sync_failed once (admins are notified). The error shown is the
 * provider's, as recorded by the last attempt, else `message`. Already ended: nothing happens.
 */
export async function failSyncRun(
  scope: TenantScope,
  runtime: Pick<IntegrationRuntime, "adapterFor">,
  runId: string,
  failure: { message: string; kind: IntegrationErrorKind | null },
): Promise<boolean> {
  const run = await lockRun(scope.db, scope.tenantId, runId);
  if (run.status !== "queued" && run.status !== "running") return false;
  const error = run.error ?? failure.message;
  const errorKind = run.error_kind ?? failure.kind;
  await scope.db
    .updateTable("integration_runs")
    .set({
      status: "failed",
      finished_at: new Date(),
      started_at: run.started_at ?? new Date(),
      error,
      error_kind: errorKind,
    })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", run.id)
    .execute();
  const integration = await findIntegration(scope.db, scope.tenantId, run.integration_id);
  await emit(
    asIntegration(scope, integrationActor(integration, providerLabel(runtime, integration.provider))),
    {
      name: "integration.sync_failed",
      entityId: integration.id,
      data: {
        integrationId: integration.id,
        runId: run.id,
        integrationName: integration.name,
        error,
        errorKind,
      },
    },
  );
  await announceRun(scope.db, run.id);
  return true;
}
