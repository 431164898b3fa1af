import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { systemActor } from "@/inngest/events";
import { checkAssetImportFunction } from "@/inngest/functions/assets/check-asset-import";
import { importAssetsFunction } from "@/inngest/functions/assets/import-assets";
import { createTenantFunction } from "@/inngest/functions/tenant-function";
import { provisionTenantDefaultsFunction } from "@/inngest/functions/tenants/provision-tenant-defaults";
import { getImport } from "@/server/assets/import/queries";
import { confirmAssetImport } from "@/server/assets/import/services/confirm-asset-import";
import { uploadAssetImport } from "@/server/assets/import/services/upload-asset-import";
import { validateAssetImport } from "@/server/assets/import/services/validate-asset-import";
import { verifyAuditChain } from "@/server/audit/services/verify-audit-chain";
import { type Db, type Trx, useDatabase, withPlatform, withTenant } from "@/server/db";
import { emit } from "@/server/events/emit";
import { eventHash, hashedFieldsOf } from "@/server/events/hash";
import { createAssetFixtures } from "../factories/assets";
import { asUser, createTestTenant, createTestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";
import { type EngineHarness, startEngineHarness } from "../support/engine-harness";
import { waitFor } from "../support/wait-for";

/** Each event's name, who wrote it and why, in the tenant's order. */
const chainOf = (db: Db, tenantId: string) =>
  withTenant(db, tenantId, (trx) =>
    trx
      .selectFrom("events")
      .select([
        "id",
        "name",
        "entity_id",
        "actor_type",
        "actor_label",
        "caused_by",
        "correlation_id",
        "cause_function_id",
        "cause_run_id",
      ])
      .orderBy("seq")
      .execute(),
  );

describe("causation through the embedded engine", () => {
  let harness: EngineHarness;
  beforeAll(async () => {
    harness = await startEngineHarness((client) => [
      createTenantFunction(client, provisionTenantDefaultsFunction),
      createTenantFunction(client, checkAssetImportFunction),
      createTenantFunction(client, importAssetsFunction),
    ]);
    useDatabase({ db: harness.db, driver: "postgres", close: async () => {} });
  });
  afterAll(() => harness.close());

  /**
   * The events `run` of function `id` wrote because of the event `cause` (a root), in order: each
   * checked to name the function as actor and the cause, its root and the run.
   */
  const eventsCausedBy = (
    events: Awaited<ReturnType<typeof chainOf>>,
    cause: string | undefined,
    run: { id: string; function: string; name: string },
  ) => {
    const caused = events.filter((event) => event.caused_by !== null && event.caused_by === cause);
    for (const event of caused) {
      expect(event).toMatchObject({
        actor_type: "system",
        actor_label: `Automation: ${run.name}`,
        correlation_id: cause,
        cause_function_id: harness.functionId(run.function),
        cause_run_id: run.id,
      });
    }
    return caused.map((event) => event.name);
  };

  const completedRun = (functionId: string) =>
    waitFor(`a completed ${functionId} run`, async () => {
      const [run] = await harness.runsFor(functionId);
      return run?.status === "completed" ? run : undefined;
    });

  it("tenant.created: the starter data's events are caused by it, by the function's run", async () => {
    const { tenant } = await createTestTenant(harness.db);
    harness.wake();
    const run = await completedRun("provision-tenant-defaults");
    const events = await chainOf(harness.db, tenant.id);
    const created = events.find((event) => event.name === "tenant.created");
    expect(created).toMatchObject({ caused_by: null, correlation_id: created?.id, cause_run_id: null });
    expect(run.trigger_event_id).toBe(created?.id);

    const provisioning = {
      id: run.id,
      function: "provision-tenant-defaults",
      name: "Provision tenant defaults",
    };
    expect(eventsCausedBy(events, created?.id, provisioning)).toEqual([
      "location.created",
      "department.created",
      "category.created",
      "category.created",
      "category.created",
      "category.created",
    ]);
  });

  it("asset_import.confirmed by a person: the import function's assets are caused by it, the person's events are roots", async () => {
    const { tenant } = await createTestTenant(harness.db);
    const staff = await createTestUser(harness.db, tenant, "it_staff");
    const { categoryName } = await createAssetFixtures(harness.db, tenant.id);
    const tags = [`CZ-${randomUUID().slice(0, 6)}-1`, `CZ-${randomUUID().slice(0, 6)}-2`];
    const content = ["Tag,Name,Category", ...tags.map((tag) => `${tag},Laptop,${categoryName}`)].join("\n");
    const uploaded = await asUser(harness.db, staff, (scope) =>
      uploadAssetImport(scope, { fileName: "assets.csv", content }),
    );
    await asUser(harness.db, staff, (scope) =>
      validateAssetImport(scope, { importId: uploaded.id, columns: uploaded.columns }),
    );
    const view = (importId: string) =>
      withTenant(harness.db, tenant.id, (trx) => getImport(trx, tenant.id, importId));
    await waitFor("the dry run", async () => (await view(uploaded.id)).status === "validated");
    await asUser(harness.db, staff, (scope) =>
      confirmAssetImport(scope, { importId: uploaded.id, mode: "valid_only" }),
    );
    const run = await completedRun("import-assets");
    expect(await view(uploaded.id)).toMatchObject({ status: "completed", importedRows: 2 });

    const events = await chainOf(harness.db, tenant.id);
    const [mapped, confirmed] = ["asset_import.mapped", "asset_import.confirmed"].map((name) =>
      events.find((event) => event.name === name),
    );
    // A person's requests: each starts its own chain.
    for (const request of [mapped, confirmed]) {
      expect(request).toMatchObject({ actor_type: "user", caused_by: null, correlation_id: request?.id });
    }
    expect(run.trigger_event_id).toBe(confirmed?.id);

    const importing = { id: run.id, function: "import-assets", name: "Import assets from CSV" };
    expect(eventsCausedBy(events, confirmed?.id, importing)).toEqual([
      "asset.created",
      "asset.created",
      "asset_import.completed",
    ]);
    const chain = await withTenant(harness.db, tenant.id, (trx) => verifyAuditChain(trx, tenant.id));
    expect(chain).toMatchObject({ ok: true, problems: [] });
  });

  // Last: from here on every call of import-assets fails.
  it("an import whose function never answers ends failed through onFailure, not stuck importing", async () => {
    const { tenant } = await createTestTenant(harness.db);
    const staff = await createTestUser(harness.db, tenant, "it_staff");
    const { categoryName } = await createAssetFixtures(harness.db, tenant.id);
    const content = `Tag,Name,Category\nFX-${randomUUID().slice(0, 6)},Laptop,${categoryName}`;
    const uploaded = await asUser(harness.db, staff, (scope) =>
      uploadAssetImport(scope, { fileName: "assets.csv", content }),
    );
    await asUser(harness.db, staff, (scope) =>
      validateAssetImport(scope, { importId: uploaded.id, columns: uploaded.columns }),
    );
    const view = () => withTenant(harness.db, tenant.id, (trx) => getImport(trx, tenant.id, uploaded.id));
    await waitFor("the dry run", async () => (await view()).status === "validated");

    harness.failCallsTo("import-assets");
    await asUser(harness.db, staff, (scope) =>
      confirmAssetImport(scope, { importId: uploaded.id, mode: "all_or_nothing" }),
    );
    const failed = await waitFor("the import marked failed", async () => {
      const current = await view();
      return current.status === "failed" ? current : undefined;
    });
    expect(failed).toMatchObject({ importedRows: 0, error: expect.stringContaining("Run it again") });
    const events = await chainOf(harness.db, tenant.id);
    const confirmed = events.find((event) => event.name === "asset_import.confirmed");
    const completed = events.find((event) => event.name === "asset_import.completed");
    const run = (await harness.runsFor("import-assets")).find(
      (row) => row.trigger_event_id === confirmed?.id,
    );
    expect(run).toMatchObject({
      status: "failed",
      error: expect.objectContaining({ name: "InvocationError" }),
    });
    expect(completed).toMatchObject({
      actor_label: "Automation: Import assets from CSV (failure)",
      caused_by: confirmed?.id,
      correlation_id: confirmed?.id,
    });
    expect(events.filter((event) => event.name === "asset.created")).toEqual([]);
  });
});

describe("causation in the hash chain", () => {
  let handle: DatabaseHandle;
  let db: Db;
  beforeAll(async () => {
    handle = await useTestDatabase();
    db = handle.db;
  });
  afterAll(() => handle.close());

  /** Appends an event as the code before migration 0010 did: no causation, hashed without it. */
  const appendLegacyEvent = (tenantId: string) =>
    withTenant(db, tenantId, async (trx) => {
      const head = await trx
        .selectFrom("event_chain_heads")
        .select(["seq", "hash"])
        .where("tenant_id", "=", tenantId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const row = {
        id: randomUUID(),
        tenant_id: tenantId,
        seq: head.seq + 1,
        name: "settings.changed",
        actor_type: "system",
        actor_id: null,
        actor_label: "Before causation",
        entity_type: "tenant",
        entity_id: tenantId,
        data: { changes: { currency: { before: "USD", after: "EUR" } } },
        occurred_at: new Date().toISOString(),
        prev_hash: head.hash,
      };
      const hash = eventHash(head.hash, hashedFieldsOf(row));
      await trx
        .insertInto("events")
        .values({ ...row, data: JSON.stringify(row.data), hash })
        .execute();
      await trx
        .updateTable("event_chain_heads")
        .set({ seq: row.seq, hash })
        .where("tenant_id", "=", tenantId)
        .execute();
      return row;
    });

  const tamper = (fn: (trx: Trx) => Promise<unknown>) =>
    withPlatform(db, async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await fn(trx);
    });
  const verify = (tenantId: string) => withTenant(db, tenantId, (trx) => verifyAuditChain(trx, tenantId));

  it("old events without causation still verify beside caused ones; editing caused_by breaks the chain", async () => {
    const { tenant } = await createTestTenant(db);
    const legacy = await appendLegacyEvent(tenant.id);
    const caused = await withTenant(db, tenant.id, (trx) =>
      emit(
        {
          db: trx,
          tenantId: tenant.id,
          actor: systemActor("Automation: Test"),
          cause: { eventId: legacy.id, correlationId: legacy.id, functionId: "test-fn", runId: "run-1" },
        },
        { name: "settings.changed", entityId: tenant.id, data: { changes: {} } },
      ),
    );
    expect(await verify(tenant.id)).toMatchObject({ ok: true, problems: [], lastSeq: caused.seq });

    // Pointing the caused event at another cause, or giving the old one a cause, is detected.
    await tamper((trx) =>
      trx.updateTable("events").set({ caused_by: randomUUID() }).where("id", "=", caused.id).execute(),
    );
    await tamper((trx) =>
      trx.updateTable("events").set({ caused_by: caused.id }).where("id", "=", legacy.id).execute(),
    );
    const result = await verify(tenant.id);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: "hash_mismatch", seq: legacy.seq }),
      expect.objectContaining({ kind: "hash_mismatch", seq: caused.seq }),
    ]);
  });
});
