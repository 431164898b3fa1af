import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { getImport } from "@/server/assets/import/queries";
import { cancelAssetImport } from "@/server/assets/import/services/cancel-asset-import";
import { confirmAssetImport } from "@/server/assets/import/services/confirm-asset-import";
import { finishAssetImport } from "@/server/assets/import/services/finish-asset-import";
import { importAllOrNothing } from "@/server/assets/import/services/import-all-or-nothing";
import { importValidRows } from "@/server/assets/import/services/import-valid-rows";
import { planValidOnlyImport } from "@/server/assets/import/services/plan-valid-only-import";
import { verifyAuditChain } from "@/server/audit/services/verify-audit-chain";
import { type Db, withTenant } from "@/server/db";
import { AppError } from "@/server/errors";
import { createCaller } from "@/server/router";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { confirmAndRun, dryRunImport, importRunOf } from "../factories/imports";
import { asUser, createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";
import { waitFor } from "../support/wait-for";

let handle: DatabaseHandle;
let db: Db;
let staff: TestUser;
let category: string;
let categoryId: string;

beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
  const { tenant } = await createTestTenant(db);
  staff = await createTestUser(db, tenant, "it_staff");
  const fixtures = await createAssetFixtures(db, tenant.id);
  categoryId = fixtures.categoryId;
  category = fixtures.categoryName;
}, 120_000);
afterAll(() => handle.close());

const unique = () => randomUUID().slice(0, 8).toUpperCase();
const cancel = (importId: string, user = staff) =>
  asUser(db, user, (ctx) => cancelAssetImport(ctx, { importId }));
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => {
      if (error instanceof AppError) return { code: error.code, message: error.message };
      throw error;
    },
  );
const viewOf = (importId: string) =>
  withTenant(db, staff.tenantId, (trx) => getImport(trx, staff.tenantId, importId));
const eventsOf = (importId: string) =>
  withTenant(db, staff.tenantId, (trx) =>
    trx
      .selectFrom("events")
      .select(["name", "data"])
      .where("entity_id", "=", importId)
      .orderBy("seq")
      .execute(),
  );
const assetsTaggedLike = (prefix: string) =>
  withTenant(db, staff.tenantId, (trx) =>
    trx
      .selectFrom("assets")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("tag", "like", `${prefix}%`)
      .executeTakeFirstOrThrow()
      .then((row) => Number(row.n)),
  );
/** A CSV of `rows` valid laptops tagged `<prefix><n>`: four 1,000-row batches for 4,000. */
const laptops = (prefix: string, rows: number) =>
  [
    "Asset Tag,Name,Serial Number,Category",
    ...Array.from({ length: rows }, (_, i) => `${prefix}${i},Laptop ${i},S${prefix}${i},${category}`),
  ].join("\n");
const runOf = (importId: string) => importRunOf(db, staff.tenantId, importId);
const processedRows = (importId: string) => viewOf(importId).then((view) => view.processedRows);

describe("cancelling a CSV import", () => {
  it("before the confirmation: nothing is written, it cannot be confirmed afterwards, and the event says so", async () => {
    const dryRun = await dryRunImport(db, staff, `Tag,Name,Category\nC-${unique()},Laptop,${category}`);
    expect(dryRun.status).toBe("validated");
    const cancelled = await cancel(dryRun.id);
    expect(cancelled).toMatchObject({ status: "cancelled", importedRows: 0 });
    expect(cancelled.finishedAt).toBeInstanceOf(Date);

    const confirm = await refusal(
      asUser(db, staff, (ctx) => confirmAssetImport(ctx, { importId: dryRun.id, mode: "valid_only" })),
    );
    expect(confirm).toEqual({ code: "CONFLICT", message: "This import is already cancelled." });
    expect(await eventsOf(dryRun.id)).toEqual([
      { name: "asset_import.mapped", data: { fileName: "assets.csv", generation: 1, totalRows: 1 } },
      {
        name: "asset_import.cancelled",
        data: { fileName: "assets.csv", stage: "validated", mode: null, imported: 0 },
      },
    ]);
    expect(await refusal(cancel(dryRun.id))).toEqual({
      code: "CONFLICT",
      message: "This import has already been cancelled.",
    });
  });

  // Concurrency needs PostgreSQL: PGlite runs one transaction at a time, in no order this test can
  // time a cancel into (the function test covers a cancel between steps on both).
  const onPostgres = it.skipIf(!inject("testDatabaseUrl"));

  onPostgres(
    "valid only: a cancel while the rows are written stops the batches still to come and keeps the ones written",
    async () => {
      const prefix = `VC-${unique()}-`;
      const dryRun = await dryRunImport(db, staff, laptops(prefix, 4000));
      await asUser(db, staff, (ctx) => confirmAssetImport(ctx, { importId: dryRun.id, mode: "valid_only" }));
      const run = await runOf(dryRun.id);
      expect(await planValidOnlyImport(db, run)).toEqual({ steps: 1, validRows: 4000 });

      const writing = importValidRows(db, run, 0);
      await waitFor("the first batch", async () => (await processedRows(dryRun.id)) >= 1000);
      const cancelled = await cancel(dryRun.id);
      const written = await writing;

      expect(written.stopped).toBe(true);
      // at least one batch went in before the cancel, and at least one was never written
      expect(written.imported).toBeGreaterThanOrEqual(1000);
      expect(written.imported).toBeLessThan(4000);
      expect(cancelled).toMatchObject({ status: "cancelled", importedRows: written.imported });
      expect(await assetsTaggedLike(prefix)).toBe(written.imported);
      // the function's next step and its finish write nothing more and report the cancel
      expect(await importValidRows(db, run, 0)).toEqual({ imported: 0, stopped: true });
      expect(
        await run.inTenant((scope) => finishAssetImport(scope, run.importId, { outcome: "completed" })),
      ).toEqual({ status: "cancelled", imported: written.imported, problems: 0 });
      expect(await viewOf(dryRun.id)).toMatchObject({ status: "cancelled", importedRows: written.imported });
      const events = await eventsOf(dryRun.id);
      expect(events.map((event) => event.name)).toEqual([
        "asset_import.mapped",
        "asset_import.confirmed",
        "asset_import.cancelled",
      ]);
      expect(events[2]?.data).toEqual({
        fileName: "assets.csv",
        stage: "importing",
        mode: "valid_only",
        imported: written.imported,
      });
    },
  );

  /** Rows of assets tagged `prefix…`, hidden ones included (the test connection bypasses RLS). */
  const allRowsTaggedLike = (prefix: string) =>
    db
      .selectFrom("assets")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("tenant_id", "=", staff.tenantId)
      .where("tag", "like", `${prefix}%`)
      .executeTakeFirstOrThrow()
      .then((row) => Number(row.n));

  // Each batch is its own short transaction now, so this runs on PGlite's one connection too.
  it("all or nothing: the rows stay hidden while written, and a cancel removes every one of them", async () => {
    const prefix = `AC-${unique()}-`;
    const dryRun = await dryRunImport(db, staff, laptops(prefix, 4000));
    await asUser(db, staff, (ctx) =>
      confirmAssetImport(ctx, { importId: dryRun.id, mode: "all_or_nothing" }),
    );
    const writing = importAllOrNothing(db, await runOf(dryRun.id));
    await waitFor("the first batch", async () => (await processedRows(dryRun.id)) >= 1000);
    // written, with their tags taken, but nobody sees them yet
    expect(await allRowsTaggedLike(prefix)).toBeGreaterThanOrEqual(1000);
    expect(await assetsTaggedLike(prefix)).toBe(0);
    const cancelled = await cancel(dryRun.id);
    expect(await writing).toEqual({ status: "cancelled", imported: 0, problems: 0 });

    expect(cancelled).toMatchObject({ status: "cancelled", importedRows: 0, processedRows: 0 });
    expect(await allRowsTaggedLike(prefix)).toBe(0);
    const events = await eventsOf(dryRun.id);
    expect(events.map((event) => event.name)).toEqual([
      "asset_import.mapped",
      "asset_import.confirmed",
      "asset_import.cancelled",
    ]);
    expect(events[2]?.data).toMatchObject({ stage: "importing", mode: "all_or_nothing", imported: 0 });
    const created = await withTenant(db, staff.tenantId, (trx) =>
      trx
        .selectFrom("events")
        .select("id")
        .where("name", "=", "asset.created")
        .where(sql<boolean>`data->>'tag' like ${`${prefix}%`}`)
        .execute(),
    );
    expect(created).toEqual([]);
    const chain = await withTenant(db, staff.tenantId, (trx) => verifyAuditChain(trx, staff.tenantId));
    expect(chain.problems).toEqual([]);
  });

  it("all or nothing: once every row is written and they are being published, a cancel is refused", async () => {
    const prefix = `AP-${unique()}-`;
    const dryRun = await dryRunImport(db, staff, laptops(prefix, 3000));
    await asUser(db, staff, (ctx) =>
      confirmAssetImport(ctx, { importId: dryRun.id, mode: "all_or_nothing" }),
    );
    const writing = importAllOrNothing(db, await runOf(dryRun.id));
    await waitFor("publishing", async () => (await viewOf(dryRun.id)).publishing);
    expect(await refusal(cancel(dryRun.id))).toEqual({
      code: "CONFLICT",
      message: expect.stringMatching(/^Every row is written and the assets are being made visible/),
    });
    expect(await writing).toEqual({ status: "completed", imported: 3000, problems: 0 });
    expect(await assetsTaggedLike(prefix)).toBe(3000);
    expect(await viewOf(dryRun.id)).toMatchObject({
      status: "completed",
      importedRows: 3000,
      publishing: false,
    });
  });

  it("a completed or failed import cannot be cancelled, and the refusal names its status", async () => {
    const done = await dryRunImport(db, staff, `Tag,Name,Category\nD-${unique()},Laptop,${category}`);
    await confirmAndRun(db, staff, done.id, "valid_only");
    expect(await refusal(cancel(done.id))).toEqual({
      code: "CONFLICT",
      message: expect.stringMatching(/^This import has already completed, so it can no longer be cancelled/),
    });
    expect(await viewOf(done.id)).toMatchObject({ status: "completed", importedRows: 1 });

    const taken = `F-${unique()}`;
    const doomed = await dryRunImport(db, staff, `Tag,Name,Category\n${taken},Laptop,${category}`);
    await createTestAsset(db, staff, categoryId, { tag: taken });
    await confirmAndRun(db, staff, doomed.id, "all_or_nothing");
    expect(await refusal(cancel(doomed.id))).toEqual({
      code: "CONFLICT",
      message: "This import has already failed, so there is nothing left to cancel.",
    });
    expect((await eventsOf(doomed.id)).map((event) => event.name)).not.toContain("asset_import.cancelled");
  });

  it("another tenant cannot cancel it, and neither can an employee or an auditor", async () => {
    const mine = await dryRunImport(db, staff, `Tag,Name,Category\nT-${unique()},Laptop,${category}`);
    const other = await createTestTenant(db);
    const outsider = await createTestUser(db, other.tenant, "admin");
    expect(await refusal(cancel(mine.id, outsider))).toMatchObject({ code: "NOT_FOUND" });

    const tenant = { id: staff.tenantId, name: staff.tenantName };
    for (const role of ["employee", "auditor"] as const) {
      const user = await createTestUser(db, tenant, role);
      const caller = createCaller({ user, requestId: "test", ip: "127.0.0.1" });
      await expect(caller.assets.import.cancel({ importId: mine.id })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    expect(await viewOf(mine.id)).toMatchObject({ status: "validated" });
    expect((await eventsOf(mine.id)).map((event) => event.name)).toEqual(["asset_import.mapped"]);
  });
});
