import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db";
import { getImport } from "@/server/assets/import/queries";
import { cancelAssetImport } from "@/server/assets/import/services/cancel-asset-import";
import { confirmAssetImport } from "@/server/assets/import/services/confirm-asset-import";
import { importValidRows } from "@/server/assets/import/services/import-valid-rows";
import { type Db, withTenant } from "@/server/db";
import { createAssetFixtures } from "@/tests/factories/assets";
import { dryRunImport, importRunOf, runImportFunction } from "@/tests/factories/imports";
import { asUser, createTestTenant, createTestUser, type TestUser } from "@/tests/factories/tenants";
import { useTestDatabase } from "@/tests/support/database";

// Two rows per step, so a six-row file is written in three steps.
vi.mock("@/server/assets/import/run", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/server/assets/import/run")>()),
  STEP_ROWS: 2,
}));

let handle: DatabaseHandle;
let db: Db;
let staff: TestUser;
let category: string;

beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
  const { tenant } = await createTestTenant(db);
  staff = await createTestUser(db, tenant, "it_staff");
  const fixtures = await createAssetFixtures(db, tenant.id);
  category = fixtures.categoryName;
});
afterAll(() => handle.close());

const sixLaptops = (prefix: string) =>
  ["Tag,Name,Category", ...Array.from({ length: 6 }, (_, i) => `${prefix}${i},Laptop ${i},${category}`)].join(
    "\n",
  );
const cancel = (importId: string) => asUser(db, staff, (ctx) => cancelAssetImport(ctx, { importId }));
const stateOf = async (importId: string, prefix: string) => {
  const view = await withTenant(db, staff.tenantId, (trx) => getImport(trx, staff.tenantId, importId));
  const events = await withTenant(db, staff.tenantId, (trx) =>
    trx.selectFrom("events").select("name").where("entity_id", "=", importId).orderBy("seq").execute(),
  );
  const assets = await withTenant(db, staff.tenantId, (trx) =>
    trx.selectFrom("assets").select("tag").where("tag", "like", `${prefix}%`).orderBy("tag").execute(),
  );
  return {
    status: view.status,
    importedRows: view.importedRows,
    events: events.map((event) => event.name),
    tags: assets.map((asset) => asset.tag),
  };
};
const stepsRun = (output: Awaited<ReturnType<typeof runImportFunction>>) =>
  output.ctx.step.run.mock.calls.map(([id]) => id);

describe("import-assets cancel path (@inngest/test)", () => {
  it("valid only: cancelled after its first step, the run writes no further step and ends cancelled", async () => {
    const prefix = `FN-${randomUUID().slice(0, 6).toUpperCase()}-`;
    const dryRun = await dryRunImport(db, staff, sixLaptops(prefix));
    await asUser(db, staff, (ctx) => confirmAssetImport(ctx, { importId: dryRun.id, mode: "valid_only" }));
    const run = await importRunOf(db, staff.tenantId, dryRun.id);

    const output = await runImportFunction(db, staff.tenantId, dryRun.id, [
      {
        id: "import-rows-1",
        // the step's own work, then the user's cancel before the next step starts
        handler: async () => {
          const written = await importValidRows(db, run, 0);
          await cancel(dryRun.id);
          return written;
        },
      },
    ]);

    expect(output.result).toEqual({ status: "cancelled", imported: 2, problems: 0 });
    // the second step finds the import cancelled and stops; the third never runs
    expect(stepsRun(output)).toEqual(["plan", "import-rows-1", "import-rows-2", "finish"]);
    expect(await stateOf(dryRun.id, prefix)).toEqual({
      status: "cancelled",
      importedRows: 2,
      events: ["asset_import.mapped", "asset_import.confirmed", "asset_import.cancelled"],
      tags: [`${prefix}0`, `${prefix}1`],
    });
  });

  it.each(["valid_only", "all_or_nothing"] as const)(
    "%s: cancelled before the run starts, the run writes nothing and ends cancelled",
    async (mode) => {
      const prefix = `FB-${randomUUID().slice(0, 6).toUpperCase()}-`;
      const dryRun = await dryRunImport(db, staff, sixLaptops(prefix));
      await asUser(db, staff, (ctx) => confirmAssetImport(ctx, { importId: dryRun.id, mode }));
      await cancel(dryRun.id);

      const output = await runImportFunction(db, staff.tenantId, dryRun.id);
      expect(output.result).toEqual({ status: "cancelled", imported: 0, problems: 0 });
      expect(stepsRun(output)).toEqual(
        mode === "valid_only" ? ["plan", "finish"] : ["import-all-or-nothing"],
      );
      expect(await stateOf(dryRun.id, prefix)).toEqual({
        status: "cancelled",
        importedRows: 0,
        events: ["asset_import.mapped", "asset_import.confirmed", "asset_import.cancelled"],
        tags: [],
      });
    },
  );
});
