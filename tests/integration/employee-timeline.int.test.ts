import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { up as recordAssetHolders } from "@/db/migrations/0027-event-asset-holders";
import { assignAsset } from "@/server/assets/services/assign-asset";
import { changeAssetStatus } from "@/server/assets/services/change-asset-status";
import { recordMaintenance } from "@/server/assets/services/record-maintenance";
import { returnAsset } from "@/server/assets/services/return-asset";
import { transferAsset } from "@/server/assets/services/transfer-asset";
import { updateAsset } from "@/server/assets/services/update-asset";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { listEmployeeTimeline } from "@/server/employees/timeline";
import { emit, emitMany } from "@/server/events/emit";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { callerFor } from "../factories/isolation";
import { asUser, createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { openIsolatedTestDatabase, useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
let staff: TestUser;
let auditor: TestUser;
let fixtures: Awaited<ReturnType<typeof createAssetFixtures>>;

beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
  const { tenant } = await createTestTenant(db);
  staff = await createTestUser(db, tenant, "it_staff");
  auditor = await createTestUser(db, tenant, "auditor");
  fixtures = await createAssetFixtures(db, tenant.id);
});
afterAll(() => handle.close());

const historyOf = (employeeId: string, user: TestUser = staff) =>
  callerFor(user).audit.timeline({ entityType: "employee", entityId: employeeId });

describe("an employee's history", () => {
  it("shows the equipment assigned to them and returned by them, naming the asset", async () => {
    const laptop = await createTestAsset(db, staff, fixtures.categoryId, { name: "ThinkPad T14" });
    await asUser(db, staff, (scope) =>
      assignAsset(scope, { assetId: laptop.id, employeeId: fixtures.jane.id }),
    );
    await asUser(db, staff, (scope) =>
      returnAsset(scope, { assetId: laptop.id, condition: "good", toKind: "in_stock" }),
    );

    const history = await historyOf(fixtures.jane.id);
    expect(history.map((entry) => entry.name)).toEqual(["asset.returned", "asset.assigned"]);
    for (const entry of history) {
      expect(entry.subject).toMatchObject({
        type: "asset",
        id: laptop.id,
        label: `${laptop.tag} · ThinkPad T14`,
      });
    }
  });

  it("shows a transfer in the history of both people, and the people's own events", async () => {
    const phone = await createTestAsset(db, staff, fixtures.categoryId, { name: "Pixel 9" });
    await asUser(db, staff, (scope) =>
      assignAsset(scope, { assetId: phone.id, employeeId: fixtures.jane.id }),
    );
    await asUser(db, staff, (scope) =>
      transferAsset(scope, { assetId: phone.id, toEmployeeId: fixtures.omar.id }),
    );

    const [janeLatest] = await historyOf(fixtures.jane.id, auditor);
    const [omarLatest] = await historyOf(fixtures.omar.id);
    expect(janeLatest).toMatchObject({ name: "asset.transferred", entity: { id: phone.id } });
    expect(omarLatest).toMatchObject({ name: "asset.transferred", entity: { id: phone.id } });
  });

  it("keeps to the limit, newest first", async () => {
    const history = await callerFor(staff).audit.timeline({
      entityType: "employee",
      entityId: fixtures.jane.id,
      limit: 2,
    });
    expect(history.map((entry) => entry.name)).toEqual(["asset.transferred", "asset.assigned"]);
    expect(history[0]?.seq).toBeGreaterThan(history[1]?.seq ?? 0);
  });

  it("shows what happened to the equipment they held at the time, and not after it left them", async () => {
    const people = await createAssetFixtures(db, staff.tenantId);
    const laptop = await createTestAsset(db, staff, people.categoryId, { name: "Latitude 7450" });
    await asUser(db, staff, async (scope) => {
      await assignAsset(scope, { assetId: laptop.id, employeeId: people.jane.id });
      await updateAsset(scope, { assetId: laptop.id, notes: "New battery fitted" });
      await recordMaintenance(scope, {
        assetId: laptop.id,
        performedOn: "2026-01-05",
        notes: "Keyboard cleaned",
      });
      await emit(scope, {
        name: "asset.reported_missing",
        entityId: laptop.id,
        data: { tag: laptop.tag, auditId: randomUUID(), locationId: randomUUID() },
      });
      await changeAssetStatus(scope, { assetId: laptop.id, kind: "lost", notes: "Left on a train" });
      // Lost ended Jane's assignment: what happens to the laptop from here on is not her history.
      await changeAssetStatus(scope, { assetId: laptop.id, kind: "in_stock" });
      await updateAsset(scope, { assetId: laptop.id, notes: "Found at the station" });
    });

    const history = await historyOf(people.jane.id, auditor);
    expect(history.map((entry) => entry.name)).toEqual([
      "asset.status_changed",
      "asset.reported_missing",
      "asset.updated",
      "asset.updated",
      "asset.assigned",
    ]);
    expect(history[0]).toMatchObject({ entity: { id: laptop.id }, data: { kind: "lost" } });
    expect(await historyOf(people.omar.id)).toEqual([]);
  });

  it("attributes history written after the fact (the demo's seeded past) to who held the asset then", async () => {
    const people = await createAssetFixtures(db, staff.tenantId);
    const { jane, omar } = people;
    // The asset is Omar's today; its past, written in one go, had Jane hold it first.
    const monitor = await createTestAsset(db, staff, people.categoryId, { name: "Dell U2723QE" });
    await asUser(db, staff, (scope) => assignAsset(scope, { assetId: monitor.id, employeeId: omar.id }));
    const tag = monitor.tag;
    const edited = (note: string) => ({
      name: "asset.updated" as const,
      entityId: monitor.id,
      data: { tag, changes: { notes: { before: null, after: note } } },
    });
    await asUser(db, staff, (scope) =>
      emitMany(scope, [
        {
          name: "asset.returned",
          entityId: monitor.id,
          data: { tag, employeeId: omar.id, toStatus: "In stock" },
        },
        { name: "asset.assigned", entityId: monitor.id, data: { tag, employeeId: jane.id } },
        edited("while Jane had it"),
        {
          name: "asset.returned",
          entityId: monitor.id,
          data: { tag, employeeId: jane.id, toStatus: "In stock" },
        },
        { name: "asset.assigned", entityId: monitor.id, data: { tag, employeeId: omar.id } },
        edited("while Omar had it"),
      ]),
    );
    const notesOf = async (employeeId: string) =>
      (await historyOf(employeeId))
        .filter((entry) => entry.name === "asset.updated")
        .map((entry) => (entry.data.changes as { notes: { after: string } }).notes.after);
    expect(await notesOf(jane.id)).toEqual(["while Jane had it"]);
    expect(await notesOf(omar.id)).toEqual(["while Omar had it"]);
  });

  it("finds a person's references through an index, not a walk through the tenant's events", async () => {
    // A tenant with thousands of events about other people, so the plan is the one a large tenant gets.
    await asUser(db, staff, (scope) =>
      emitMany(
        scope,
        Array.from({ length: 3000 }, () => ({
          name: "employee.reactivated" as const,
          entityId: randomUUID(),
          data: {},
        })),
      ),
    );
    await withPlatform(db, (trx) => sql`analyze events`.execute(trx));
    const plan = await withTenant(db, staff.tenantId, async (trx) => {
      const result = await sql<{ "QUERY PLAN": string }>`
        explain select events.id from event_employee_refs ref
        join events on events.tenant_id = ref.tenant_id and events.seq = ref.seq
        where ref.tenant_id = ${staff.tenantId} and ref.employee_id = ${fixtures.jane.id}
        order by ref.seq desc limit 50`.execute(trx);
      return result.rows.map((row) => row["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("event_employee_refs_pkey");
    expect(plan).not.toContain("Seq Scan");

    // What the trigger asks as an asset's event is written: who holds it (migration 0027).
    const holderPlan = await withTenant(db, staff.tenantId, async (trx) => {
      const result = await sql<{ "QUERY PLAN": string }>`
        explain select e.data from events e
        where e.tenant_id = ${staff.tenantId} and e.entity_type = 'asset' and e.entity_id = ${randomUUID()}
          and e.name in ('asset.assigned', 'asset.transferred', 'asset.returned', 'asset.status_changed')
          and e.seq < 1000000
        order by e.seq desc limit 1`.execute(trx);
      return result.rows.map((row) => row["QUERY PLAN"]).join("\n");
    });
    expect(holderPlan).toContain("events_asset_holder_changes_idx");
  });
});

describe("the holders of events written before they were recorded", () => {
  it("are backfilled from the log as the trigger records them now", async () => {
    // A database of its own: the migration is run again on it.
    const own = await openIsolatedTestDatabase();
    try {
      const { tenant } = await createTestTenant(own.db);
      const user = await createTestUser(own.db, tenant, "it_staff");
      const people = await createAssetFixtures(own.db, tenant.id);
      const { jane, omar } = people;
      const desk = await createTestAsset(own.db, user, people.categoryId, { name: "Desk phone" });
      await asUser(own.db, user, async (scope) => {
        const note = (notes: string) => updateAsset(scope, { assetId: desk.id, notes });
        await assignAsset(scope, { assetId: desk.id, employeeId: jane.id });
        await note("Jane's");
        await transferAsset(scope, { assetId: desk.id, toEmployeeId: omar.id });
        await note("Omar's");
        await changeAssetStatus(scope, { assetId: desk.id, kind: "stolen" });
        await note("nobody's");
        await changeAssetStatus(scope, { assetId: desk.id, kind: "in_stock" });
        await assignAsset(scope, { assetId: desk.id, employeeId: jane.id });
        await recordMaintenance(scope, {
          assetId: desk.id,
          performedOn: "2026-01-05",
          notes: "Cable replaced",
        });
        await returnAsset(scope, { assetId: desk.id, condition: "good", toKind: "in_stock" });
        await note("in stock");
      });
      const timelines = () =>
        withTenant(own.db, tenant.id, async (trx) => ({
          jane: (await listEmployeeTimeline(trx, tenant.id, jane.id, 50)).map((entry) => entry.name),
          omar: (await listEmployeeTimeline(trx, tenant.id, omar.id, 50)).map((entry) => entry.name),
        }));
      const recorded = await timelines();
      expect(recorded).toEqual({
        jane: [
          "asset.returned",
          "asset.updated",
          "asset.assigned",
          "asset.transferred",
          "asset.updated",
          "asset.assigned",
        ],
        omar: ["asset.status_changed", "asset.updated", "asset.transferred"],
      });

      // As before migration 0027: only the people an event's data names, no holders.
      await withPlatform(own.db, (trx) =>
        sql`delete from event_employee_refs ref using events e
            where e.tenant_id = ref.tenant_id and e.seq = ref.seq and ref.tenant_id = ${tenant.id}
              and e.name not in ('asset.assigned', 'asset.transferred', 'asset.returned')`.execute(trx),
      );
      expect((await timelines()).omar).toEqual(["asset.transferred"]);
      await own.db.transaction().execute((trx) => recordAssetHolders(trx));
      expect(await timelines()).toEqual(recorded);
    } finally {
      await own.close();
    }
  });
});
