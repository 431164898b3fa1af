import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { assignAsset } from "@/server/assets/services/assign-asset";
import { exportAuditCsv } from "@/server/audit/services/export-audit-csv";
import type { SessionUser } from "@/server/context";
import type { Db } from "@/server/db";
import { createEmployee } from "@/server/employees/services/create-employee";
import { createCaller } from "@/server/router";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { asUser, createTestTenant, createTestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

const callerFor = (user: SessionUser) => createCaller({ user, requestId: "subjects-test", ip: "127.0.0.1" });

/** A tenant with an asset assigned to a person created through the app, so each has its events. */
async function seedTenant() {
  const { tenant, admin } = await createTestTenant(db);
  const fixtures = await createAssetFixtures(db, tenant.id);
  const asset = await createTestAsset(db, admin, fixtures.categoryId, { name: "ThinkPad X1 Carbon" });
  const employee = await asUser(db, admin, (scope) =>
    createEmployee(scope, { firstName: "Emery", lastName: "Quintero", workEmail: "emery.q@example.test" }),
  );
  await asUser(db, admin, (scope) => assignAsset(scope, { assetId: asset.id, employeeId: employee.id }));
  return { tenant, admin, asset, employee };
}

describe("events name their subject", () => {
  it("the audit log names and links the asset and the person each event is about", async () => {
    const { admin, asset, employee } = await seedTenant();
    const page = await callerFor(admin).audit.list({});
    const assigned = page.items.find((item) => item.name === "asset.assigned");
    expect(assigned?.subject).toEqual({
      type: "asset",
      id: asset.id,
      label: `${asset.tag} · ThinkPad X1 Carbon`,
      href: `/assets/${asset.id}`,
    });
    const created = page.items.find((item) => item.name === "employee.created");
    expect(created?.subject).toMatchObject({ label: "Emery Quintero", href: `/employees/${employee.id}` });
    const userCreated = page.items.find((item) => item.name === "user.created");
    expect(userCreated?.subject).toMatchObject({ type: "user", label: "Ada Admin" });
  });

  it("the audit log's record heading and the chain name the record, not an id fragment", async () => {
    const { admin, asset, employee } = await seedTenant();
    const api = callerFor(admin);
    expect(await api.audit.subject({ entityType: "asset", entityId: asset.id })).toEqual({
      type: "asset",
      id: asset.id,
      label: `${asset.tag} · ThinkPad X1 Carbon`,
      href: `/assets/${asset.id}`,
    });
    expect(await api.audit.subject({ entityType: "employee", entityId: employee.id })).toMatchObject({
      label: "Emery Quintero",
    });
    const assigned = (await api.audit.list({})).items.find((item) => item.name === "asset.assigned");
    const chain = await api.audit.chain({ eventId: assigned?.id ?? "" });
    expect(chain.root.event.subject.label).toBe(`${asset.tag} · ThinkPad X1 Carbon`);
  });

  it("the dashboard's recent activity names the same subjects", async () => {
    const { admin, asset } = await seedTenant();
    const summary = await callerFor(admin).dashboard.summary();
    const assigned = summary.activity.find((event) => event.name === "asset.assigned");
    expect(assigned?.subject.label).toBe(`${asset.tag} · ThinkPad X1 Carbon`);
    expect(assigned?.subject.href).toBe(`/assets/${asset.id}`);
  });
});

describe("the audit log's record filter", () => {
  const namesFor = async (
    user: SessionUser,
    input: Parameters<ReturnType<typeof callerFor>["audit"]["list"]>[0],
  ) => (await callerFor(user).audit.list(input)).items.map((item) => `${item.name} ${item.subject.id}`);

  it("finds an asset's history by its tag or a word of its name", async () => {
    const { admin, asset } = await seedTenant();
    const expected = [`asset.assigned ${asset.id}`, `asset.created ${asset.id}`];
    expect(await namesFor(admin, { entity: asset.tag })).toEqual(expected);
    expect(await namesFor(admin, { entity: asset.tag.toLowerCase() })).toEqual(expected);
    expect(await namesFor(admin, { entity: "thinkpad" })).toEqual(expected);
  });

  it("takes a whole tag to mean that asset alone, not every tag containing it", async () => {
    const { admin } = await seedTenant();
    const fixtures = await createAssetFixtures(db, admin.tenantId);
    const one = await createTestAsset(db, admin, fixtures.categoryId, { tag: "LAP-1", name: "Dock" });
    const twelve = await createTestAsset(db, admin, fixtures.categoryId, { tag: "LAP-12", name: "Dock" });
    expect(await namesFor(admin, { entity: "lap-1" })).toEqual([`asset.created ${one.id}`]);
    expect(await namesFor(admin, { entity: "LAP-12" })).toEqual([`asset.created ${twelve.id}`]);
  });

  it("finds a person's history by name or work email, and a user's by email", async () => {
    const { admin, employee } = await seedTenant();
    expect(await namesFor(admin, { entity: "Emery Quin" })).toEqual([`employee.created ${employee.id}`]);
    expect(await namesFor(admin, { entity: "EMERY.Q@example.test" })).toEqual([
      `employee.created ${employee.id}`,
    ]);
    expect(await namesFor(admin, { entity: admin.email })).toEqual([`user.created ${admin.id}`]);
  });

  it("takes a bare id without asking for its kind, and narrows by kind when one is chosen", async () => {
    const { admin, asset } = await seedTenant();
    expect(await namesFor(admin, { entityId: asset.id })).toEqual([
      `asset.assigned ${asset.id}`,
      `asset.created ${asset.id}`,
    ]);
    expect(await namesFor(admin, { entity: asset.id, entityType: "employee" })).toEqual([]);
    expect(await namesFor(admin, { entity: asset.tag, names: ["asset.created"] })).toEqual([
      `asset.created ${asset.id}`,
    ]);
  });

  it("matches nothing for a name no record has, and never another organization's records", async () => {
    const { admin } = await seedTenant();
    const other = await seedTenant();
    expect(await namesFor(admin, { entity: "no such record anywhere" })).toEqual([]);
    expect(await namesFor(admin, { entity: other.asset.tag })).not.toContain(
      `asset.created ${other.asset.id}`,
    );
    expect(await namesFor(admin, { entity: other.asset.id })).toEqual([]);
  });

  it("exports what the page shows for the same record filter", async () => {
    const { admin, asset } = await seedTenant();
    const auditor = await createTestUser(db, { id: admin.tenantId, name: admin.tenantName }, "auditor");
    const { stream } = await exportAuditCsv(db, auditor, { entity: asset.tag });
    const csv = await new Response(stream).text();
    const lines = csv.trim().split("\n").slice(1);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toContain(asset.id);
  });
});
