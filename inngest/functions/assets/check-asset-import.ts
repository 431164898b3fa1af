import { NonRetriableError } from "inngest";
import {
  type DryRun,
  failImportDryRun,
  runImportDryRun,
} from "@/server/assets/import/services/run-import-dry-run";
import { getDb } from "@/server/db";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";

/** asset_import.mapped -> every row of the file is checked (server/assets/import/services/run-import-dry-run.ts). */
export const checkAssetImportFunction = tenantFunction(
  {
    id: "check-asset-import",
    name: "Dry run of a CSV import",
    event: "asset_import.mapped",
    retries: 2,
    // One dry run at a time per tenant: a tenant with many large files waits for its own turn and
    // leaves the others' requests alone.
    concurrency: { limit: 1, key: "event.data.tenantId" },
  },
  async ({ event, step }) => {
    const run: DryRun = {
      tenantId: event.tenantId,
      importId: event.entity.id,
      generation: event.data.generation,
    };
    try {
      return await step.run("check-rows", async () => runImportDryRun(await getDb(), run));
    } catch (error) {
      await step.run("record-failure", async () =>
        failImportDryRun(
          await getDb(),
          run,
          "The dry run stopped after repeated errors. Run it again; if it fails again, contact support with the time.",
        ),
      );
      throw new NonRetriableError("asset import dry run failed", { cause: error });
    }
  },
);

export const checkAssetImportFn = createTenantFunction(inngest, checkAssetImportFunction);
