import { type GetFunctionInput, NonRetriableError } from "inngest";
import {
  type DryRun,
  failImportDryRun,
  runImportDryRun,
} from "@/server/assets/import/services/run-import-dry-run";
import { getDb } from "@/server/db";
import { inngest } from "../../client";
import { envelopeOf } from "../envelope";

export const checkAssetImportConfig = {
  id: "check-asset-import",
  name: "Dry run of a CSV import",
  triggers: [{ event: "asset_import.mapped" }],
  retries: 2 as const,
  // One dry run at a time per tenant: a tenant with many large files waits for its own turn and
  // leaves the others' requests alone.
  concurrency: { limit: 1, key: "event.data.tenantId" },
};

/** asset_import.mapped -> every row of the file is checked (server/assets/import/services/run-import-dry-run.ts). */
export async function checkAssetImportHandler({ event, step }: GetFunctionInput<typeof inngest>) {
  const envelope = envelopeOf({ data: event.data });
  const run: DryRun = {
    tenantId: envelope.tenantId,
    importId: envelope.entity.id,
    generation: Number(envelope.data.generation),
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
}

export const checkAssetImportFn = inngest.createFunction(checkAssetImportConfig, checkAssetImportHandler);
