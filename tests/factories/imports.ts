import { InngestTestEngine } from "@inngest/test";
import { APP_ID } from "@/inngest/client";
import { importAssetsFn, importAssetsFunction } from "@/inngest/functions/assets/import-assets";
import { inTenant } from "@/inngest/functions/in-tenant";
import { getImport } from "@/server/assets/import/queries";
import type { ImportRun } from "@/server/assets/import/run";
import type { ImportMode } from "@/server/assets/import/schemas";
import { confirmAssetImport } from "@/server/assets/import/services/confirm-asset-import";
import { runImportDryRun } from "@/server/assets/import/services/run-import-dry-run";
import { uploadAssetImport } from "@/server/assets/import/services/upload-asset-import";
import { validateAssetImport } from "@/server/assets/import/services/validate-asset-import";
import { type Db, withTenant } from "@/server/db";
import { type EventRow, toEnvelope, toInngestEvent } from "@/server/events/envelope";
import { asUser, type TestUser } from "./tenants";

/** Uploads a CSV and runs its dry run with the guessed mapping (or `columns`). */
export async function dryRunImport(db: Db, user: TestUser, content: string, columns?: Array<string | null>) {
  const uploaded = await asUser(db, user, (ctx) =>
    uploadAssetImport(ctx, { fileName: "assets.csv", content }),
  );
  return mapAndCheck(db, user, uploaded.id, columns ?? uploaded.columns);
}

/** The dry run generation an import's mapping last asked for. */
export const generationOf = async (db: Db, tenantId: string, importId: string) =>
  (
    await withTenant(db, tenantId, (trx) =>
      trx
        .selectFrom("asset_imports")
        .select("validation_generation")
        .where("id", "=", importId)
        .executeTakeFirstOrThrow(),
    )
  ).validation_generation;

/**
 * Saves a mapping and runs the dry run it asks for, as the check-asset-import function would
 * (the service it calls, on the generation the request started).
 */
export async function mapAndCheck(db: Db, user: TestUser, importId: string, columns: Array<string | null>) {
  await asUser(db, user, (ctx) => validateAssetImport(ctx, { importId, columns }));
  await runImportDryRun(db, {
    tenantId: user.tenantId,
    importId,
    generation: await generationOf(db, user.tenantId, importId),
  });
  return withTenant(db, user.tenantId, (trx) => getImport(trx, user.tenantId, importId));
}

/** The asset_import.confirmed (or employee_import.confirmed) event of an import, as stored. */
export const confirmedEvent = (
  db: Db,
  tenantId: string,
  importId: string,
  name: "asset_import.confirmed" | "employee_import.confirmed" = "asset_import.confirmed",
): Promise<EventRow> =>
  withTenant(db, tenantId, (trx) =>
    trx
      .selectFrom("events")
      .selectAll()
      .where("name", "=", name)
      .where("entity_id", "=", importId)
      .executeTakeFirstOrThrow(),
  );

/**
 * The run the import-assets function makes of a confirmed import (its transactions opened as the
 * function, caused by the confirmation), for tests that call the import's services step by step.
 */
export async function importRunOf(db: Db, tenantId: string, importId: string): Promise<ImportRun> {
  const event = toEnvelope(await confirmedEvent(db, tenantId, importId));
  const run = {
    functionId: importAssetsFn.id(APP_ID),
    functionName: importAssetsFunction.options.name,
    runId: "test-run",
  };
  return { tenantId, importId, inTenant: inTenant(event, run) };
}

/**
 * Runs the import-assets function for a confirmed import, as the engine would deliver its event;
 * `steps` replaces the named steps' work (to act between two steps).
 */
export async function runImportFunction(
  db: Db,
  tenantId: string,
  importId: string,
  steps?: InngestTestEngine.MockedStep[],
) {
  const engine = new InngestTestEngine({
    function: importAssetsFn,
    events: [toInngestEvent(await confirmedEvent(db, tenantId, importId))] as never,
    steps,
  });
  return engine.execute();
}

/** Confirms a validated import and runs it to the end. */
export async function confirmAndRun(db: Db, user: TestUser, importId: string, mode: ImportMode) {
  await asUser(db, user, (ctx) => confirmAssetImport(ctx, { importId, mode }));
  return runImportFunction(db, user.tenantId, importId);
}
