import { type GetStepTools, NonRetriableError } from "inngest";
import type { PreparedRows, RowPipeline } from "@/server/assets/import/pipeline";
import type { ImportRun } from "@/server/assets/import/run";
import { writeValidRows } from "@/server/assets/import/services/import-valid-rows";
import { planValidRows } from "@/server/assets/import/services/plan-valid-only-import";
import { type DryRun, failImportDryRun, runDryRun } from "@/server/assets/import/services/run-import-dry-run";
import { getDb } from "@/server/db";
import type { inngest } from "../client";
import { tenantFunction } from "./tenant-function";

/*
 * The steps every CSV import's functions share (assets/, employees/): each kind plugs in how it
 * checks and writes its rows (server/assets/import/pipeline.ts).
 */

/**
 * The steps of a dry run of any kind of import: check every row with `prepare`; once the retries
 * run out, the import goes back to "uploaded" with a message saying what to do.
 */
export async function checkImportRows<Row extends { line: number }>(
  step: GetStepTools<typeof inngest>,
  run: DryRun,
  prepare: RowPipeline<Row, PreparedRows<Row>>["prepare"],
) {
  try {
    return await step.run("check-rows", async () => runDryRun(await getDb(), run, prepare));
  } catch (error) {
    await step.run("record-failure", async () =>
      failImportDryRun(
        await getDb(),
        run,
        "The dry run stopped after repeated errors. Run it again; if it fails again, contact support with the time.",
      ),
    );
    throw new NonRetriableError("import dry run failed", { cause: error });
  }
}

/**
 * The steps of a "valid_only" import of any kind: plan (check every row again), then write
 * STEP_ROWS per step, so a restart resumes where it stopped; a cancel stops it before its next batch.
 */
export async function importValidOnly<Row extends { line: number }, Prepared extends PreparedRows<Row>>(
  step: GetStepTools<typeof inngest>,
  run: ImportRun,
  rows: RowPipeline<Row, Prepared>,
) {
  const plan = await step.run("plan", async () => planValidRows(await getDb(), run, rows.prepare));
  for (let index = 0; index < plan.steps; index++) {
    const written = await step.run(`import-rows-${index + 1}`, async () =>
      writeValidRows(await getDb(), run, index, rows),
    );
    if (written.stopped) break;
  }
}

/**
 * The dry run function of a kind of import: on its `<kind>_import.mapped` event, every row of the
 * file is checked with `prepare`. One dry run at a time per tenant: a tenant with many large files
 * waits for its own turn and leaves the others' requests alone.
 */
export function dryRunFunction<Row extends { line: number }>(
  options: { id: string; name: string; event: "asset_import.mapped" | "employee_import.mapped" },
  prepare: RowPipeline<Row, PreparedRows<Row>>["prepare"],
) {
  return tenantFunction(
    { ...options, retries: 2, concurrency: { limit: 1, key: "event.data.tenantId" } },
    async ({ event, step }) =>
      checkImportRows(
        step,
        { tenantId: event.tenantId, importId: event.entity.id, generation: event.data.generation },
        prepare,
      ),
  );
}
