import { NonRetriableError, RetryAfterError } from "inngest";
import { IntegrationError } from "@/server/integrations/hris/adapter";
import { defaultRuntime, type IntegrationRuntime } from "@/server/integrations/runtime";
import { failSyncRun, finishSyncRun, startSyncRun, syncPage } from "@/server/integrations/services/sync-run";
import { adminSentence } from "@/server/integrations/services/test-connection";
import { logger } from "@/server/logger";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";

/** How long to wait when a provider throttles without saying for how long. */
const DEFAULT_THROTTLE_MS = 30_000;

/**
 * integration.sync_requested -> the run: start, then one step per page (pull from the provider
 * outside any transaction, apply in one), then finish (late managers linked, watermark moved).
 * One run at a time per integration (concurrency key: the integration). Provider faults decide
 * the retry: throttled waits the provider's Retry-After, unavailable / bad responses retry with
 * backoff, rejected credentials, missing permissions and unknown companies fail the run at once.
 * A page step retried resumes from the run's cursor: committed pages are never pulled again.
 * The final failure (here or onFailure) marks the run failed and emits integration.sync_failed.
 */
export const syncIntegrationFunction = (runtime: () => IntegrationRuntime) =>
  tenantFunction(
    {
      id: "sync-integration",
      name: "Sync integration",
      event: "integration.sync_requested",
      retries: 5,
      concurrency: { limit: 1, key: "event.data.entity.id" },
      onFailure: async ({ event, error, step, inTenant }) => {
        await step.run("record-failure", () =>
          inTenant((scope) =>
            failSyncRun(scope, runtime(), event.data.runId, {
              message: "The sync stopped after repeated errors; see Automation for the details.",
              kind: null,
            }),
          ),
        );
        logger.warn("integration sync failed", { runId: event.data.runId, error });
      },
    },
    async ({ event, step, inTenant }) => {
      const { runId } = event.data;
      const started = await step.run("start", () => inTenant((scope) => startSyncRun(scope, runId)));
      if (started.done) return { runId, status: "already finished" };
      for (let index = 1; ; index++) {
        const outcome = await step.run(`page-${index}`, async () => {
          const current = runtime();
          try {
            return await syncPage(inTenant, current, runId);
          } catch (error) {
            if (!(error instanceof IntegrationError)) throw error;
            const sentence = adminSentence(error);
            if (!error.retriable) {
              await inTenant((scope) =>
                failSyncRun(scope, current, runId, { message: sentence, kind: error.kind }),
              );
              throw new NonRetriableError(sentence, { cause: error });
            }
            if (error.kind === "throttled" || error.retryAfterMs !== null)
              throw new RetryAfterError(sentence, error.retryAfterMs ?? DEFAULT_THROTTLE_MS, {
                cause: error,
              });
            throw new Error(sentence, { cause: error });
          }
        });
        if (outcome.done) break;
      }
      return step.run("finish", () => inTenant((scope) => finishSyncRun(scope, runtime(), runId)));
    },
  );

export const syncIntegrationFn = createTenantFunction(inngest, syncIntegrationFunction(defaultRuntime));
