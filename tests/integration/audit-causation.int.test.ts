import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { type Actor, type EventData, type EventName, systemActor } from "@/inngest/events";
import { CHAIN_EVENT_LIMIT, type ChainNode } from "@/server/audit/schemas";
import { automationFunctions } from "@/server/automation/functions";
import type { Cause, SessionUser } from "@/server/context";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { emit, emitMany } from "@/server/events/emit";
import { createCaller } from "@/server/router";
import { createTestTenant, createTestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

/**
 * The audit trail says why: entries caused by automation name their cause, and a chain opens as
 * a tree (root -> function runs -> the events they emitted -> ...). Chains are built here as the
 * engine builds them: events emitted with a cause, and automation_runs rows as the engine writes
 * them, so these tests do not depend on any function's own code.
 */
let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

const callerFor = (user: SessionUser) => createCaller({ user, requestId: "causation-test", ip: "127.0.0.1" });

/** A served function's id and name, as runs and events record them. */
function served(localId: string) {
  const fn = automationFunctions().find((candidate) => candidate.id.endsWith(`-${localId}`));
  if (!fn) throw new Error(`no served function ${localId}`);
  return fn;
}
const importAssets = served("import-assets");
const dryRun = served("check-asset-import");
const provision = served("provision-tenant-defaults");

async function emitAs<N extends EventName>(
  tenantId: string,
  actor: Actor,
  cause: Cause | null,
  event: { name: N; entityId: string; data: EventData<N> },
) {
  return withTenant(db, tenantId, (trx) => emit({ db: trx, tenantId, actor, cause }, event));
}

/** A run as the embedded engine leaves it: one function's handling of one event. */
async function recordRun(
  tenantId: string,
  functionId: string,
  trigger: { id: string; name: string },
  status: "completed" | "failed",
) {
  return withPlatform(db, (trx) =>
    trx
      .insertInto("automation_runs")
      .values({
        tenant_id: tenantId,
        function_id: functionId,
        trigger_event_id: trigger.id,
        trigger_event_name: trigger.name,
        trigger_event: JSON.stringify({ id: trigger.id, name: trigger.name }),
        status,
        max_attempts: 3,
        error: status === "failed" ? JSON.stringify({ name: "Error", message: "Mail server down" }) : null,
        started_at: new Date(),
        finished_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow(),
  );
}

const causeOf = (event: { id: string }, root: { id: string }, functionId: string, runId: string): Cause => ({
  eventId: event.id,
  correlationId: root.id,
  functionId,
  runId,
});

/**
 * Dana confirms an import (the root). The import function's run creates two assets and completes
 * the import; a dry-run run on the same event failed without emitting. The first asset's
 * asset.created triggers two runs of its own: one the engine recorded, one known only from the
 * event it emitted (a run on Inngest itself).
 */
async function seedImportChain() {
  const { tenant, admin } = await createTestTenant(db, `Causation ${randomUUID().slice(0, 8)}`);
  const dana = await createTestUser(db, tenant, "it_staff", {
    name: "Dana Doe",
    email: `dana-${randomUUID()}@x.test`,
  });
  const danaActor: Actor = { type: "user", id: dana.id, label: `Dana Doe <${dana.email}>` };
  const importId = randomUUID();
  const fileName = "laptops.csv";

  const confirmed = await emitAs(tenant.id, danaActor, null, {
    name: "asset_import.confirmed",
    entityId: importId,
    data: { fileName, mode: "valid_only", totalRows: 2, validRows: 2 },
  });
  const root = { id: confirmed.id, name: "asset_import.confirmed" };
  const importRun = await recordRun(tenant.id, importAssets.id, root, "completed");
  const failedRun = await recordRun(tenant.id, dryRun.id, root, "failed");

  const automation = systemActor(`Automation: ${importAssets.name}`);
  const byImport = causeOf(root, root, importAssets.id, importRun.id);
  const assets = [randomUUID(), randomUUID()];
  const created = await withTenant(db, tenant.id, (trx) =>
    emitMany({ db: trx, tenantId: tenant.id, actor: automation, cause: byImport }, [
      ...assets.map((assetId, index) => ({
        name: "asset.created" as const,
        entityId: assetId,
        data: { tag: `LAP-${index + 1}`, name: `Laptop ${index + 1}`, status: "In stock" },
      })),
      {
        name: "asset_import.completed" as const,
        entityId: importId,
        data: {
          fileName,
          mode: "valid_only" as const,
          outcome: "completed" as const,
          imported: 2,
          skipped: 0,
        },
      },
    ]),
  );
  const firstAsset = { id: created[0]?.id ?? "", name: "asset.created" };

  const followUp = await recordRun(tenant.id, provision.id, firstAsset, "completed");
  const updated = await emitAs(
    tenant.id,
    systemActor(`Automation: ${provision.name}`),
    {
      ...causeOf(firstAsset, root, provision.id, followUp.id),
    },
    {
      name: "asset.updated",
      entityId: assets[0] ?? "",
      data: { tag: "LAP-1", changes: { notes: { before: null, after: "Checked" } } },
    },
  );
  const inngestRunId = "01JCLOUDRUN0000000000000000";
  const cloudEvent = await emitAs(
    tenant.id,
    systemActor("Automation: Label printer"),
    causeOf(firstAsset, root, "assetronics-print-label", inngestRunId),
    {
      name: "asset.updated",
      entityId: assets[0] ?? "",
      data: { tag: "LAP-1", changes: { printed: { before: false, after: true } } },
    },
  );

  return {
    tenant,
    admin,
    dana,
    danaActor,
    root,
    importRun,
    failedRun,
    followUp,
    inngestRunId,
    assets,
    created: created.map((event) => event.id),
    updated: updated.id,
    cloudEvent: cloudEvent.id,
  };
}

const eventIds = (nodes: ChainNode[]) => nodes.map((node) => node.event.id);

describe("cause summaries", () => {
  it("tells, for each caused entry of an audit page, which event by whom caused it and through which function", async () => {
    const chain = await seedImportChain();
    const page = await callerFor(chain.admin).audit.list({});
    const byId = new Map(page.items.map((item) => [item.id, item]));

    const root = byId.get(chain.root.id);
    expect(root?.cause).toBeNull();
    expect(root?.correlationId).toBe(chain.root.id);

    for (const id of chain.created) {
      const entry = byId.get(id);
      expect(entry?.correlationId).toBe(chain.root.id);
      expect(entry?.causedBy).toEqual({
        eventId: chain.root.id,
        functionId: importAssets.id,
        runId: chain.importRun.id,
      });
      expect(entry?.cause).toMatchObject({
        functionName: "Import assets from CSV",
        canOpenChain: true,
        event: {
          name: "asset_import.confirmed",
          actor: { type: "user", id: chain.dana.id, label: chain.danaActor.label },
          entity: { type: "asset_import" },
        },
      });
      expect(entry?.cause?.event?.occurredAt).toBeInstanceOf(Date);
    }
    // two levels down: caused by an asset.created, not by the root
    expect(byId.get(chain.updated)?.cause?.event?.name).toBe("asset.created");
    // a function the app does not serve (a run on Inngest) has no name, but the cause is known
    expect(byId.get(chain.cloudEvent)?.cause).toMatchObject({
      functionName: null,
      event: { name: "asset.created" },
    });
  });

  it("shows the same line in a record's history, and keeps audit-only causes and the chain to auditors", async () => {
    const chain = await seedImportChain();
    const staff = await createTestUser(db, chain.tenant, "it_staff");
    const history = await callerFor(staff).audit.timeline({
      entityType: "asset",
      entityId: chain.assets[0] ?? "",
    });
    expect(history.map((entry) => entry.name)).toEqual(["asset.updated", "asset.updated", "asset.created"]);
    expect(history.at(-1)?.cause).toMatchObject({
      functionName: "Import assets from CSV",
      event: { name: "asset_import.confirmed", actor: { label: chain.danaActor.label } },
      canOpenChain: false,
    });

    // a change caused by the tenant's creation (an audit-only record): staff see that automation
    // made it, not the tenant event
    const tenantCreated = await withPlatform(db, (trx) =>
      trx
        .selectFrom("events")
        .select(["id", "name"])
        .where("tenant_id", "=", chain.tenant.id)
        .where("name", "=", "tenant.created")
        .executeTakeFirstOrThrow(),
    );
    const statusId = randomUUID();
    await emitAs(
      chain.tenant.id,
      systemActor(`Automation: ${provision.name}`),
      causeOf(tenantCreated, tenantCreated, provision.id, randomUUID()),
      {
        name: "status.created",
        entityId: statusId,
        data: { label: "Lent out", kind: "deployed", isDefault: false },
      },
    );
    const [asStaff] = await callerFor(staff).audit.timeline({ entityType: "status", entityId: statusId });
    expect(asStaff?.cause).toEqual({ functionName: provision.name, event: null, canOpenChain: false });
    const [asAdmin] = await callerFor(chain.admin).audit.timeline({
      entityType: "status",
      entityId: statusId,
    });
    expect(asAdmin?.cause).toMatchObject({ event: { name: "tenant.created" }, canOpenChain: true });
  });
});

describe("audit.chain", () => {
  it("opens the whole chain from any of its events: root, the runs it triggered, their events, and theirs", async () => {
    const chain = await seedImportChain();
    const auditor = await createTestUser(db, chain.tenant, "auditor");
    // opened from a leaf, it still starts at the root
    const tree = await callerFor(auditor).audit.chain({ eventId: chain.updated });

    expect(tree).toMatchObject({ eventCount: 6, shown: 6, limit: CHAIN_EVENT_LIMIT });
    expect(tree.root.event).toMatchObject({ id: chain.root.id, name: "asset_import.confirmed" });
    expect(tree.root.event.actor.label).toBe(chain.danaActor.label);

    const [importRun, failedRun, ...others] = tree.root.runs;
    expect(others).toEqual([]);
    expect(importRun).toMatchObject({
      id: chain.importRun.id,
      functionId: importAssets.id,
      functionName: "Import assets from CSV",
      status: "completed",
      recorded: true,
    });
    expect(importRun?.events.map((node) => node.event.name)).toEqual([
      "asset.created",
      "asset.created",
      "asset_import.completed",
    ]);
    expect(eventIds(importRun?.events ?? [])).toEqual(chain.created);
    // a failed run that emitted nothing is still part of the answer
    expect(failedRun).toMatchObject({
      id: chain.failedRun.id,
      functionName: dryRun.name,
      status: "failed",
      error: { message: "Mail server down" },
      events: [],
    });

    // second level: what the first asset.created triggered
    const [firstAsset, secondAsset, completed] = importRun?.events ?? [];
    expect(secondAsset?.runs).toEqual([]);
    expect(completed?.runs).toEqual([]);
    const [recorded, cloud] = firstAsset?.runs ?? [];
    expect(recorded).toMatchObject({ id: chain.followUp.id, status: "completed", recorded: true });
    expect(eventIds(recorded?.events ?? [])).toEqual([chain.updated]);
    expect(cloud).toMatchObject({
      id: chain.inngestRunId,
      functionId: "assetronics-print-label",
      functionName: null,
      status: null,
      recorded: false,
    });
    expect(eventIds(cloud?.events ?? [])).toEqual([chain.cloudEvent]);
  });

  it("is a chain of one for an event nothing reacted to", async () => {
    const chain = await seedImportChain();
    const lone = await emitAs(chain.tenant.id, chain.danaActor, null, {
      name: "settings.changed",
      entityId: chain.tenant.id,
      data: { changes: { name: { before: "A", after: "B" } } },
    });
    const tree = await callerFor(chain.admin).audit.chain({ eventId: lone.id });
    expect(tree).toMatchObject({ eventCount: 1, shown: 1, root: { event: { id: lone.id }, runs: [] } });
  });

  it("cuts a chain at the limit and says how many events it holds", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const root = await emitAs(tenant.id, systemActor("Importer"), null, {
      name: "asset_import.confirmed",
      entityId: randomUUID(),
      data: { fileName: "big.csv", mode: "valid_only", totalRows: 600, validRows: 600 },
    });
    const trigger = { id: root.id, name: "asset_import.confirmed" };
    const run = await recordRun(tenant.id, importAssets.id, trigger, "completed");
    const total = CHAIN_EVENT_LIMIT + 5;
    await withTenant(db, tenant.id, (trx) =>
      emitMany(
        {
          db: trx,
          tenantId: tenant.id,
          actor: systemActor("Importer"),
          cause: causeOf(trigger, trigger, importAssets.id, run.id),
        },
        Array.from({ length: total - 1 }, (_, index) => ({
          name: "asset.created" as const,
          entityId: randomUUID(),
          data: { tag: `BIG-${index}`, name: `Big ${index}`, status: "In stock" },
        })),
      ),
    );

    const tree = await callerFor(admin).audit.chain({ eventId: root.id });
    expect(tree).toMatchObject({ eventCount: total, shown: CHAIN_EVENT_LIMIT, limit: CHAIN_EVENT_LIMIT });
    expect(tree.root.runs).toHaveLength(1);
    const shown = tree.root.runs[0]?.events ?? [];
    expect(shown).toHaveLength(CHAIN_EVENT_LIMIT - 1);
    // the first events of the chain, in the order they were emitted
    expect(shown.at(0)?.event.data).toMatchObject({ tag: "BIG-0" });
    expect(shown.at(-1)?.event.data).toMatchObject({ tag: `BIG-${CHAIN_EVENT_LIMIT - 2}` });
  });

  it("keeps each tenant's chains to itself", async () => {
    const a = await seedImportChain();
    const b = await createTestTenant(db);
    const asB = callerFor(b.admin);
    for (const eventId of [a.root.id, a.created[0] ?? ""]) {
      const refused = await asB.audit.chain({ eventId }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(TRPCError);
      expect((refused as TRPCError).code).toBe("NOT_FOUND");
    }

    // an event of B claiming a cause in A (a forged id) names nothing of A's
    const forged = await emitAs(
      b.tenant.id,
      systemActor("Forger"),
      causeOf(a.root, a.root, importAssets.id, a.importRun.id),
      {
        name: "settings.changed",
        entityId: b.tenant.id,
        data: { changes: { name: { before: "x", after: "y" } } },
      },
    );
    const page = await asB.audit.list({});
    const entry = page.items.find((item) => item.id === forged.id);
    expect(entry?.cause).toMatchObject({ event: null });
    expect(JSON.stringify(page)).not.toContain(a.dana.email);
  });

  it("is closed to IT staff and employees, open to admins and auditors", async () => {
    const chain = await seedImportChain();
    for (const role of ["it_staff", "employee"] as const) {
      const user = await createTestUser(db, chain.tenant, role);
      const code = await callerFor(user)
        .audit.chain({ eventId: chain.root.id })
        .then(
          () => "OK",
          (error: TRPCError) => error.code,
        );
      expect(code, role).toBe("FORBIDDEN");
    }
  });
});
