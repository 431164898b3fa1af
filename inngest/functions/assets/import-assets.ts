import { NonRetriableError } from "inngest";
import { lockImport } from "@/server/assets/import/queries";
import type { ImportRun } from "@/server/assets/import/run";
import type { ImportMode } from "@/server/assets/import/schemas";
import { finishAssetImport } from "@/server/assets/import/services/finish-asset-import";
import { discardHiddenRows, importAllOrNothing } from "@/server/assets/import/services/import-all-or-nothing";
import { assetRows } from "@/server/assets/import/services/import-valid-rows";
import { getDb } from "@/server/db";
import { inngest } from "../../client";
import { importValidOnly } from "../import-steps";
import { createTenantFunction, tenantFunction } from "../tenant-function";

const failure = {
  all_or_nothing: "The import stopped after repeated errors. Run it again.",
  valid_only: "The import stopped after repeated errors. Rows already written stay; import the rest again.",
};

/**
 * Ends a failed import: an all_or_nothing run that had not begun publishing leaves nothing (its
 * hidden rows go); finishAssetImport does nothing to an import that has already finished.
 */
async function recordFailure(run: ImportRun, mode: ImportMode) {
  const state = await run.inTenant((scope) => lockImport(scope.db, run.tenantId, run.importId));
  if (state.mode === "all_or_nothing" && !state.publishing) await discardHiddenRows(run);
  return run.inTenant((scope) =>
    finishAssetImport(scope, run.importId, { outcome: "failed", error: failure[mode] }),
  );
}

/**
 * asset_import.confirmed -> the rows are written, by this function on behalf of the person who
 * confirmed (the assets' events name the function as actor and the confirmation as cause).
 * "all_or_nothing" is one step (hidden batches, then published batches: import-all-or-nothing.ts);
 * "valid_only" plans, then writes STEP_ROWS per step, so a restart resumes where it stopped. A
 * cancelled import stops before its next batch; the run then ends with the "cancelled" outcome.
 */
export const importAssetsFunction = tenantFunction(
  {
    id: "import-assets",
    name: "Import assets from CSV",
    event: "asset_import.confirmed",
    retries: 3,
    // One import at a time per tenant: batches of one import never interleave with another's.
    concurrency: { limit: 1, key: "event.data.tenantId" },
    // Failures the handler never sees (a lost worker, calls that never answered) still end the
    // import as failed instead of leaving it "importing"; after the handler's own catch it is a no-op.
    onFailure: async ({ event, step, inTenant }) => {
      const run: ImportRun = { tenantId: event.tenantId, importId: event.entity.id, inTenant };
      await step.run("record-failure", () => recordFailure(run, event.data.mode));
    },
  },
  async ({ event, step, inTenant }) => {
    const run: ImportRun = { tenantId: event.tenantId, importId: event.entity.id, inTenant };
    try {
      if (event.data.mode === "all_or_nothing") {
        return await step.run("import-all-or-nothing", async () => importAllOrNothing(await getDb(), run));
      }
      await importValidOnly(step, run, assetRows);
      return await step.run("finish", () =>
        inTenant((scope) => finishAssetImport(scope, run.importId, { outcome: "completed" })),
      );
    } catch (error) {
      await step.run("record-failure", () => recordFailure(run, event.data.mode));
      throw new NonRetriableError("asset import failed", { cause: error });
    }
  },
);

export const importAssetsFn = createTenantFunction(inngest, importAssetsFunction);
