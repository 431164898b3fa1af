import { z } from "zod";
import { AppError } from "../errors";
import { can } from "../roles";
import { router, tenantProcedure } from "../trpc";
import { tenantProcedureWithoutTransaction } from "./procedures";
import { findIntegration, findRun, healthPoints, runErrors, runSummaryOf, runsPage } from "./queries";
import { defaultRuntime } from "./runtime";
import {
  CatalogEntry,
  CreateIntegrationInput,
  HealthPoints,
  IntegrationDetail,
  IntegrationIdInput,
  IntegrationListItem,
  RunDetail,
  RunIdInput,
  RunsInput,
  RunsPage,
  SetEnabledInput,
  SyncNowInput,
  TestConnectionInput,
  TestConnectionResult,
  UpdateIntegrationInput,
} from "./schemas";
import { createIntegration } from "./services/create-integration";
import { getIntegration, listIntegrations } from "./services/list-integrations";
import { removeIntegration } from "./services/remove-integration";
import { requestSync } from "./services/request-sync";
import { setIntegrationEnabled } from "./services/set-integration-enabled";
import { testConnection } from "./services/test-connection";
import { updateIntegration } from "./services/update-integration";

/** Admins and auditors see integrations and their runs; only admins change anything. */
const read = tenantProcedure(can.audit);
const manage = tenantProcedure(can.manageTenant);

const IdOutput = z.object({ id: z.string() });

/** Integrations (HRIS syncs): catalog, settings, Sync now, runs and health. */
export const integrationsRouter = router({
  catalog: read.output(z.array(CatalogEntry)).query(() => {
    const runtime = defaultRuntime();
    return (["bamboohr", "rippling", "okta"] as const).map((provider) => {
      const adapter = runtime.adapterFor(provider);
      return {
        provider,
        label: adapter.label,
        credentialFields: [...adapter.credentialFields],
        optionFields: [...adapter.optionFields],
        incremental: adapter.incremental,
      };
    });
  }),
  list: read
    .output(z.array(IntegrationListItem))
    .query(({ ctx }) => listIntegrations(ctx.db, ctx.tenantId, defaultRuntime())),
  get: read
    .input(IntegrationIdInput)
    .output(IntegrationDetail)
    .query(({ ctx, input }) => getIntegration(ctx.db, ctx.tenantId, defaultRuntime(), input.id)),
  create: manage
    .input(CreateIntegrationInput)
    .output(IdOutput)
    .mutation(({ ctx, input }) => createIntegration(ctx, defaultRuntime(), input)),
  update: manage
    .input(UpdateIntegrationInput)
    .output(IdOutput)
    .mutation(async ({ ctx, input }) => ({ id: (await updateIntegration(ctx, defaultRuntime(), input)).id })),
  setEnabled: manage
    .input(SetEnabledInput)
    .output(z.object({ id: z.string(), enabled: z.boolean() }))
    .mutation(({ ctx, input }) => setIntegrationEnabled(ctx, input)),
  remove: manage
    .input(IntegrationIdInput)
    .output(IdOutput)
    .mutation(({ ctx, input }) => removeIntegration(ctx, input)),
  /** Calls the provider, so it holds no transaction while waiting for it. */
  testConnection: tenantProcedureWithoutTransaction(can.manageTenant)
    .input(TestConnectionInput)
    .output(TestConnectionResult)
    .mutation(({ ctx, input }) => testConnection(ctx.inTenant, defaultRuntime(), input)),
  syncNow: manage
    .input(SyncNowInput)
    .output(z.object({ runId: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const queued = await requestSync(ctx, defaultRuntime(), {
        integrationId: input.id,
        trigger: "manual",
        full: input.full,
      });
      // A manual request is refused (CONFLICT) rather than skipped.
      if (!queued) throw new AppError("INTERNAL", "The sync was not queued.");
      return queued;
    }),
  runs: read
    .input(RunsInput)
    .output(RunsPage)
    .query(async ({ ctx, input }) => {
      await findIntegration(ctx.db, ctx.tenantId, input.id);
      return runsPage(ctx.db, ctx.tenantId, {
        integrationId: input.id,
        limit: input.limit,
        cursor: input.cursor,
      });
    }),
  run: read
    .input(RunIdInput)
    .output(RunDetail)
    .query(async ({ ctx, input }) => {
      const run = await findRun(ctx.db, ctx.tenantId, input.runId);
      const integration = await ctx.db
        .selectFrom("integrations")
        .select("name")
        .where("tenant_id", "=", ctx.tenantId)
        .where("id", "=", run.integration_id)
        .executeTakeFirstOrThrow();
      return {
        ...runSummaryOf(run),
        integrationName: integration.name,
        ...(await runErrors(ctx.db, ctx.tenantId, run.id)),
      };
    }),
  health: read
    .input(IntegrationIdInput)
    .output(HealthPoints)
    .query(async ({ ctx, input }) => {
      await findIntegration(ctx.db, ctx.tenantId, input.id);
      return { points: await healthPoints(ctx.db, ctx.tenantId, input.id) };
    }),
});
