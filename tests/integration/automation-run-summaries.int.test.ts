import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { confirmAssetImport } from "@/server/assets/import/services/confirm-asset-import";
import { type Db, withPlatform } from "@/server/db";
import { createCaller } from "@/server/router";
import { createAssetFixtures } from "../factories/assets";
import { dryRunImport } from "../factories/imports";
import { asUser, createTestTenant } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

describe("Settings -> Automation in an admin's words", () => {
  it("names the record a run was about and who set it off, beside the run's error", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const { categoryName } = await createAssetFixtures(db, tenant.id);
    const checked = await dryRunImport(db, admin, `Name,Category\nThinkPad,${categoryName}\n`);
    await asUser(db, admin, (scope) =>
      confirmAssetImport(scope, { importId: checked.id, mode: "all_or_nothing" }),
    );
    const confirmed = await withPlatform(db, (trx) =>
      trx
        .selectFrom("events")
        .select(["id", "name"])
        .where("tenant_id", "=", tenant.id)
        .where("name", "=", "asset_import.confirmed")
        .executeTakeFirstOrThrow(),
    );
    await withPlatform(db, (trx) =>
      trx
        .insertInto("automation_runs")
        .values({
          tenant_id: tenant.id,
          function_id: "assetronics-import-assets",
          trigger_event_id: confirmed.id,
          trigger_event_name: confirmed.name,
          trigger_event: JSON.stringify(confirmed),
          status: "failed",
          max_attempts: 3,
          error: JSON.stringify({ name: "Error", message: "The database went away" }),
        })
        .execute(),
    );

    const [run] = await createCaller({
      user: admin,
      requestId: "runs-test",
      ip: "127.0.0.1",
    }).automation.runs({});
    expect(run?.trigger).toEqual({
      subject: {
        type: "asset_import",
        id: checked.id,
        label: "Import of assets.csv",
        href: `/assets/import?id=${checked.id}`,
      },
      actorLabel: expect.stringContaining("Ada Admin"),
    });
    expect(run?.error?.message).toBe("The database went away");
  });
});
