import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeBamboo, startFakeBamboo } from "../fakes/hris/bamboohr";
import { demoIds, demoPeople } from "../fakes/hris/demo-people";
import { type CloudHarness, startCloudHarness } from "./inngest-cloud-harness";

/**
 * The app's onFailure handlers in cloud mode, with its own client and serve route: when a
 * function fails for good, the fake sends inngest/function.failed and runs the `-failure`
 * function the SDK registered, which must leave the app in a state a user can act on.
 */
let cloud: CloudHarness;
let bamboo: FakeBamboo;

beforeAll(async () => {
  bamboo = await startFakeBamboo({ people: demoPeople(demoIds.bamboohr) });
  // The app's own sync function uses the deployment's runtime: the fake provider is on loopback.
  cloud = await startCloudHarness(() => [], { INTEGRATIONS_ALLOW_PRIVATE_HOSTS: "true" });
});
afterAll(async () => {
  await cloud?.close();
  await bamboo?.close();
});

/** Relays committed events until their runs commit no more (failure handlers emit more). */
async function runEverything(): Promise<void> {
  while ((await cloud.relayAll()) > 0) await cloud.fake.settled();
}

it("an asset import whose calls never get through is marked failed by its onFailure, not left importing", async () => {
  const [{ createTestTenant, createTestUser, asUser }, { createAssetFixtures }, { dryRunImport }] =
    await Promise.all([
      import("../factories/tenants"),
      import("../factories/assets"),
      import("../factories/imports"),
    ]);
  const { confirmAssetImport } = await import("@/server/assets/import/services/confirm-asset-import");
  const { getImport } = await import("@/server/assets/import/queries");
  const { withTenant } = await import("@/server/db");
  const { tenant } = await createTestTenant(cloud.db);
  const staff = await createTestUser(cloud.db, tenant, "it_staff");
  const { categoryName } = await createAssetFixtures(cloud.db, tenant.id);
  const prefix = `CLOUD-${randomUUID().slice(0, 6).toUpperCase()}-`;
  const csv = ["Tag,Name,Category", `${prefix}1,Laptop 1,${categoryName}`].join("\n");
  const dryRun = await dryRunImport(cloud.db, staff, csv);
  await asUser(cloud.db, staff, (ctx) =>
    confirmAssetImport(ctx, { importId: dryRun.id, mode: "all_or_nothing" }),
  );

  cloud.refuseCalls("assetronics-import-assets");
  try {
    await runEverything();
  } finally {
    cloud.refuseCalls(null);
  }

  const [run] = cloud.runsOf("assetronics-import-assets");
  // retries: 3 -> four attempts, each answered 502 by the proxy: the handler never ran.
  expect(run?.calls.map((call) => [call.attempt, call.status])).toEqual([
    [0, 502],
    [1, 502],
    [2, 502],
    [3, 502],
  ]);
  expect(run?.status).toBe("failed");
  const [handler] = cloud.runsOf("assetronics-import-assets-failure");
  expect(handler).toMatchObject({
    status: "completed",
    event: { name: "inngest/function.failed", data: { function_id: "assetronics-import-assets" } },
  });
  const view = await withTenant(cloud.db, tenant.id, (trx) => getImport(trx, tenant.id, dryRun.id));
  expect(view).toMatchObject({
    status: "failed",
    error: "The import stopped after repeated errors. Run it again.",
    importedRows: 0,
  });
  const assets = await withTenant(cloud.db, tenant.id, (trx) =>
    trx.selectFrom("assets").select("tag").where("tag", "like", `${prefix}%`).execute(),
  );
  expect(assets).toEqual([]);
});

it("an integration sync that keeps failing is failed by its onFailure, and the admins are told", async () => {
  const [{ createTestTenant, asUser }, { createIntegration }, { requestSync }, { defaultRuntime }] =
    await Promise.all([
      import("../factories/tenants"),
      import("@/server/integrations/services/create-integration"),
      import("@/server/integrations/services/request-sync"),
      import("@/server/integrations/runtime"),
    ]);
  const { findRun } = await import("@/server/integrations/queries");
  const { withTenant } = await import("@/server/db");
  const { admin } = await createTestTenant(cloud.db);
  const runtime = defaultRuntime();
  const { id: integrationId } = await asUser(cloud.db, admin, (scope) =>
    createIntegration(scope, runtime, {
      provider: "bamboohr",
      name: "People HR",
      credentials: { apiKey: bamboo.apiKey },
      options: { companyDomain: bamboo.companyDomain, baseUrl: bamboo.url },
    }),
  );
  // From here every request to the provider fails: the sync's page step runs out of retries.
  bamboo.scenario.fail = { status: 500, times: 1_000 };
  const queued = await asUser(cloud.db, admin, (scope) =>
    requestSync(scope, runtime, { integrationId, trigger: "manual" }),
  );
  await runEverything();

  const [run] = cloud.runsOf("assetronics-sync-integration");
  expect(run?.status).toBe("failed");
  expect(cloud.runsOf("assetronics-sync-integration-failure")[0]?.status).toBe("completed");
  const syncRun = await withTenant(cloud.db, admin.tenantId, (trx) =>
    findRun(trx, admin.tenantId, queued?.runId ?? ""),
  );
  expect(syncRun.status).toBe("failed");
  expect(cloud.runsOf("assetronics-notify-integration-sync-failed")[0]?.status).toBe("completed");
  const bell = await withTenant(cloud.db, admin.tenantId, (trx) =>
    trx
      .selectFrom("notifications")
      .select(["type", "title", "link"])
      .where("user_id", "=", admin.id)
      .where("type", "=", "integration_sync_failed")
      .execute(),
  );
  expect(bell).toEqual([
    {
      type: "integration_sync_failed",
      title: "The People HR sync failed",
      link: `/settings/integrations/${integrationId}`,
    },
  ]);
});
