import { type GetFunctionInput, NonRetriableError } from "inngest";
import type { ImportRun } from "@/server/assets/import/run";
import { finishAssetImport } from "@/server/assets/import/services/finish-asset-import";
import { discardHiddenRows, importAllOrNothing } from "@/server/assets/import/services/import-all-or-nothing";
import { importValidRows } from "@/server/assets/import/services/import-valid-rows";
import { planValidOnlyImport } from "@/server/assets/import/services/plan-valid-only-import";
import { getDb, withTenant } from "@/server/db";
import { inngest } from "../../client";
import { envelopeOf } from "../envelope";

export const importAssetsConfig = {
  id: "import-assets",
  name: "Import assets from CSV",
  triggers: [{ event: "asset_import.confirmed" }],
  retries: 3 as const,
  // One import at a time per tenant: batches of one import never interleave with another's.
  concurrency: { limit: 1, key: "event.data.tenantId" },
};

/**
 * asset_import.confirmed -> the rows are written. "all_or_nothing" is one step (hidden batches,
 * then published batches: import-all-or-nothing.ts); "valid_only" plans, then writes STEP_ROWS
 * per step, so a restart resumes where it stopped. A cancelled import stops before its next
 * batch; the run then ends with the "cancelled" outcome.
 */
export async function importAssetsHandler({ event, step }: GetFunctionInput<typeof inngest>) {
  const envelope = envelopeOf({ data: event.data });
  const run: ImportRun = { tenantId: envelope.tenantId, importId: envelope.entity.id, actor: envelope.actor };
  try {
    if (envelope.data.mode === "all_or_nothing") {
      return await step.run("import-all-or-nothing", async () => importAllOrNothing(await getDb(), run));
    }
    const plan = await step.run("plan", async () => planValidOnlyImport(await getDb(), run));
    for (let index = 0; index < plan.steps; index++) {
      const written = await step.run(`import-rows-${index + 1}`, async () =>
        importValidRows(await getDb(), run, index),
      );
      if (written.stopped) break;
    }
    return await step.run("finish", async () =>
      withTenant(await getDb(), run.tenantId, (trx) => finishAssetImport(trx, run, { outcome: "completed" })),
    );
  } catch (error) {
    await step.run("record-failure", async () => {
      const db = await getDb();
      // An all_or_nothing run that had not begun publishing leaves nothing (its hidden rows go).
      const row = await withTenant(db, run.tenantId, (trx) =>
        trx
          .selectFrom("asset_imports")
          .select(["mode", "publishing"])
          .where("id", "=", run.importId)
          .executeTakeFirstOrThrow(),
      );
      if (row.mode === "all_or_nothing" && !row.publishing) await discardHiddenRows(db, run);
      return withTenant(db, run.tenantId, (trx) =>
        finishAssetImport(trx, run, {
          outcome: "failed",
          error:
            envelope.data.mode === "all_or_nothing"
              ? "The import stopped after repeated errors. Run it again."
              : "The import stopped after repeated errors. Rows already written stay; import the rest again.",
        }),
      );
    });
    throw new NonRetriableError("asset import failed", { cause: error });
  }
}

export const importAssetsFn = inngest.createFunction(importAssetsConfig, importAssetsHandler);
