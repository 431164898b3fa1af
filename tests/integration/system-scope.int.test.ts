import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { deactivateUser } from "@/server/accounts/services/set-user-active";
import { getAuditDetail } from "@/server/assets/audits/detail";
import { startAudit } from "@/server/assets/audits/services/start-audit";
import { getAssetHistory } from "@/server/assets/detail";
import { changeAssetStatus } from "@/server/assets/services/change-asset-status";
import { recordMaintenance } from "@/server/assets/services/record-maintenance";
import { updateAsset } from "@/server/assets/services/update-asset";
import { verifyAuditChain } from "@/server/audit/services/verify-audit-chain";
import type { Cause } from "@/server/context";
import { type Db, withTenant } from "@/server/db";
import { createLocation } from "@/server/reference/locations/services/create-location";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { refusal } from "../factories/reference";
import { asSystem, asUser, createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
let admin: TestUser;
let staff: TestUser;
let fixtures: Awaited<ReturnType<typeof createAssetFixtures>>;

beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
  const created = await createTestTenant(db);
  admin = created.admin;
  staff = await createTestUser(db, created.tenant, "it_staff");
  fixtures = await createAssetFixtures(db, created.tenant.id);
});
afterAll(() => handle.close());

const eventsOf = (entityId: string) =>
  withTenant(db, staff.tenantId, (trx) =>
    trx
      .selectFrom("events")
      .select([
        "id",
        "name",
        "data",
        "actor_type",
        "actor_id",
        "actor_label",
        "caused_by",
        "correlation_id",
        "cause_function_id",
        "cause_run_id",
      ])
      .where("entity_id", "=", entityId)
      .orderBy("seq")
      .execute(),
  );

describe("services called by automation (a system-actor scope)", () => {
  it("changeAssetStatus runs as the system: the event, the history and the chain record the automation and its cause", async () => {
    const asset = await createTestAsset(db, staff, fixtures.categoryId);
    const [created] = await eventsOf(asset.id);
    if (!created) throw new Error("asset.created was not recorded");
    const cause: Cause = {
      eventId: created.id,
      correlationId: created.correlation_id ?? created.id,
      functionId: "repair-workflow",
      runId: "run-1",
    };

    const changed = await asSystem(
      db,
      staff.tenantId,
      (scope) => changeAssetStatus(scope, { assetId: asset.id, kind: "in_repair", notes: "Sent for repair" }),
      { label: "Repair workflow", cause },
    );
    expect(changed.status).toBe("In repair");

    const statusChanged = (await eventsOf(asset.id)).find((event) => event.name === "asset.status_changed");
    expect(statusChanged).toMatchObject({
      actor_type: "system",
      actor_id: null,
      actor_label: "Repair workflow",
      caused_by: created.id,
      correlation_id: created.correlation_id,
      cause_function_id: "repair-workflow",
      cause_run_id: "run-1",
      data: { from: "In stock", to: "In repair", kind: "in_repair" },
    });
    const history = await withTenant(db, staff.tenantId, (trx) =>
      getAssetHistory(trx, staff.tenantId, asset.id),
    );
    expect(history[0]).toMatchObject({ type: "repair_start", actor: "Repair workflow" });
    const chain = await withTenant(db, staff.tenantId, (trx) => verifyAuditChain(trx, staff.tenantId));
    expect(chain.problems).toEqual([]);
  });

  it("a user's change starts its own chain: no cause, its own correlation", async () => {
    const asset = await createTestAsset(db, staff, fixtures.categoryId);
    await asUser(db, staff, (scope) => changeAssetStatus(scope, { assetId: asset.id, kind: "in_repair" }));
    const statusChanged = (await eventsOf(asset.id)).find((event) => event.name === "asset.status_changed");
    expect(statusChanged).toMatchObject({ actor_type: "user", actor_id: staff.id, caused_by: null });
    expect(statusChanged?.correlation_id).toBe(statusChanged?.id);
  });

  it("'who did it' columns name the person for a user and nobody for automation", async () => {
    const site = (name: string) =>
      asUser(db, admin, (scope) => createLocation(scope, { name, kind: "site", parentId: null }));
    const [roomA, roomB] = [await site("Room A"), await site("Room B")];
    const systemAudit = await asSystem(db, staff.tenantId, (scope) =>
      startAudit(scope, { locationId: roomA.id }),
    );
    const userAudit = await asUser(db, staff, (scope) => startAudit(scope, { locationId: roomB.id }));

    const detail = (auditId: string) =>
      withTenant(db, staff.tenantId, (trx) => getAuditDetail(trx, staff.tenantId, auditId));
    expect((await detail(systemAudit.id)).startedBy).toBeNull();
    expect((await detail(userAudit.id)).startedBy).toBe(staff.name);
    expect((await eventsOf(systemAudit.id))[0]).toMatchObject({
      name: "asset_audit.started",
      actor_type: "system",
      actor_label: "Test automation",
    });
  });

  it("the rule against changing one's own account binds the person, and automation can deactivate an account", async () => {
    const member = await createTestUser(db, { id: admin.tenantId, name: admin.tenantName }, "it_staff");
    const own = await refusal(asUser(db, admin, (scope) => deactivateUser(scope, { userId: admin.id })));
    expect(own).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("your own account") });

    const done = await asSystem(db, admin.tenantId, (scope) => deactivateUser(scope, { userId: member.id }), {
      label: "Offboarding",
    });
    expect(done.status).toBe("deactivated");
    expect((await eventsOf(member.id)).at(-1)).toMatchObject({
      name: "user.deactivated",
      actor_type: "system",
      actor_label: "Offboarding",
    });
  });

  it("an update's event carries only the fields that changed, before and after", async () => {
    const asset = await createTestAsset(db, staff, fixtures.categoryId, { vendor: "Acme" });
    const updated = await asSystem(db, staff.tenantId, (scope) =>
      updateAsset(scope, { assetId: asset.id, vendor: "Globex", name: "MacBook Pro 14" }),
    );
    expect(updated.changed).toEqual(["vendor"]);
    const event = (await eventsOf(asset.id)).find((row) => row.name === "asset.updated");
    expect(event?.data).toEqual({ tag: asset.tag, changes: { vendor: { before: "Acme", after: "Globex" } } });
  });

  it("recording maintenance changes the date from the previous one, and a late entry for an older date changes nothing", async () => {
    const asset = await createTestAsset(db, staff, fixtures.categoryId);
    const record = (performedOn: string) =>
      asSystem(db, staff.tenantId, (scope) =>
        recordMaintenance(scope, { assetId: asset.id, performedOn, notes: "Battery checked" }),
      );
    await record("2026-03-01");
    await record("2026-06-01");
    await record("2026-04-01");
    const changes = (await eventsOf(asset.id))
      .filter((event) => event.name === "asset.updated")
      .map((event) => (event.data as { changes: unknown }).changes);
    expect(changes).toEqual([
      { last_maintenance_at: { before: null, after: "2026-03-01" } },
      { last_maintenance_at: { before: "2026-03-01", after: "2026-06-01" } },
      {},
    ]);
  });
});
