import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db";
import type { SessionUser } from "@/server/context";
import { type Db, withPlatform } from "@/server/db";
import { createTestEnrollmentToken, enrollTestDevice } from "../factories/agent";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { callerFor } from "../factories/isolation";
import { createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

vi.mock("@/server/auth/session", () => ({ getSessionUser: async () => null as SessionUser | null }));

let handle: DatabaseHandle;
let db: Db;

beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

const DAY = 86_400_000;

/**
 * A tenant whose stale days are `staleDays`, with an admin, IT staff and an auditor, and a helper
 * that gives an asset an enrolled device last seen `daysAgo` (null: never checked in).
 */
async function tenantWithAgent(staleDays: number) {
  const { tenant, admin } = await createTestTenant(db);
  const adminUser = admin as TestUser;
  const staff = await createTestUser(db, tenant, "it_staff");
  const auditor = await createTestUser(db, tenant, "auditor");
  const { categoryId } = await createAssetFixtures(db, tenant.id);
  await callerFor(adminUser).agent.updateSettings({ unknownDevices: "review", staleDays });
  const { token } = await createTestEnrollmentToken(db, adminUser, 30);

  /** An enrolled device as its check-ins left it: linked to `assetId` (or pending), seen `daysAgo`. */
  const device = async (
    assetId: string | null,
    daysAgo: number | null,
    options: { revoked?: boolean } = {},
  ) => {
    const { deviceId } = await enrollTestDevice(token);
    const seen = daysAgo === null ? null : new Date(Date.now() - daysAgo * DAY);
    await withPlatform(db, async (trx) => {
      await trx
        .updateTable("agent_devices")
        .set({
          asset_id: assetId,
          status: assetId ? "linked" : "pending_review",
          last_seen_day: seen && new Date(Math.floor(seen.getTime() / DAY) * DAY),
          revoked_at: options.revoked ? new Date() : null,
        })
        .where("id", "=", deviceId)
        .execute();
      if (seen) {
        await trx
          .insertInto("agent_device_presence")
          .values({
            device_id: deviceId,
            tenant_id: tenant.id,
            last_seen_at: seen,
            rate_tokens: 3,
            rate_at: seen,
          })
          .execute();
      }
    });
    return deviceId;
  };
  const asset = async (name: string) => (await createTestAsset(db, staff, categoryId, { name })).id;
  return { tenant, admin: adminUser, staff, auditor, device, asset };
}

describe("devices not seen for the tenant's stale days", () => {
  it("filters the asset list to exactly the tenant's stale devices, by its own setting", async () => {
    const alpha = await tenantWithAgent(10);
    const silent = await alpha.asset("Silent laptop");
    const recent = await alpha.asset("Recent laptop");
    const revoked = await alpha.asset("Revoked laptop");
    const neverSeen = await alpha.asset("Never seen laptop");
    const noAgent = await alpha.asset("No agent laptop");
    await alpha.device(silent, 20);
    await alpha.device(recent, 5);
    await alpha.device(revoked, 40, { revoked: true });
    await alpha.device(neverSeen, null);
    await alpha.device(null, 40); // discovered, not linked to any asset

    // Another tenant, more patient: 20 days is not stale there, 40 is.
    const beta = await tenantWithAgent(30);
    const betaTwenty = await beta.asset("Beta twenty days");
    const betaForty = await beta.asset("Beta forty days");
    await beta.device(betaTwenty, 20);
    await beta.device(betaForty, 40);

    const list = (user: TestUser, input: { agentStale?: boolean } = {}) =>
      callerFor(user).assets.list({ ...input, pageSize: 50 });

    const stale = await list(alpha.auditor, { agentStale: true });
    expect(stale.items.map((item) => item.id)).toEqual([silent]);
    expect(stale.total).toBe(1);
    expect(stale.agentStaleDays).toBe(10);
    expect(stale.items[0]?.agent).toMatchObject({ stale: true, daysUnseen: 20 });

    const betaStale = await list(beta.staff, { agentStale: true });
    expect(betaStale.items.map((item) => item.id)).toEqual([betaForty]);
    expect(betaStale.agentStaleDays).toBe(30);

    // every row says how its agent stands: stale, current, never seen, or no (active) agent at all
    const all = new Map((await list(alpha.staff)).items.map((item) => [item.id, item.agent]));
    expect(all.get(silent)).toMatchObject({ stale: true, daysUnseen: 20 });
    expect(all.get(recent)).toMatchObject({ stale: false, daysUnseen: 5 });
    expect(all.get(neverSeen)).toEqual({ lastSeenAt: null, stale: false, daysUnseen: null });
    expect(all.get(revoked)).toBeNull();
    expect(all.get(noAgent)).toBeNull();
    expect(all.has(betaTwenty)).toBe(false);

    // the filter combines with the others: a search that misses the stale asset finds nothing
    expect((await callerFor(alpha.staff).assets.list({ agentStale: true, q: "recent" })).total).toBe(0);
    expect((await callerFor(alpha.staff).assets.list({ agentStale: true, q: "silent" })).total).toBe(1);

    // a longer setting makes the same device current
    await callerFor(alpha.admin).agent.updateSettings({ unknownDevices: "review", staleDays: 25 });
    expect((await list(alpha.staff, { agentStale: true })).items).toEqual([]);
  });

  it("counts the same devices on the dashboard, with the discovered ones to review", async () => {
    const gamma = await tenantWithAgent(14);
    await gamma.device(await gamma.asset("Quiet one"), 15);
    await gamma.device(await gamma.asset("Quiet two"), 90);
    await gamma.device(await gamma.asset("Current"), 1);
    await gamma.device(await gamma.asset("Revoked"), 90, { revoked: true });
    await gamma.device(null, 30);
    await gamma.device(null, 1);

    // noise in another tenant, which must not count here
    const delta = await tenantWithAgent(1);
    await delta.device(await delta.asset("Delta quiet"), 30);

    const card = await callerFor(gamma.auditor).dashboard.agent();
    expect(card).toEqual({ staleDays: 14, linkedDevices: true, stale: 2, pendingReview: 2 });
    const listed = await callerFor(gamma.auditor).assets.list({ agentStale: true });
    expect(listed.total).toBe(card.stale);

    // a tenant without the agent gets no card
    const { tenant } = await createTestTenant(db);
    const none = await createTestUser(db, tenant, "it_staff");
    expect(await callerFor(none).dashboard.agent()).toEqual({
      staleDays: 14,
      linkedDevices: false,
      stale: 0,
      pendingReview: 0,
    });
  });

  it("says on the asset's agent card how long the device has been silent", async () => {
    const epsilon = await tenantWithAgent(7);
    const quiet = await epsilon.asset("Quiet");
    const current = await epsilon.asset("Current");
    await epsilon.device(quiet, 12);
    await epsilon.device(current, 2);
    const agent = callerFor(epsilon.staff).agent;
    expect((await agent.forAsset({ assetId: quiet })).device).toMatchObject({ stale: true, daysUnseen: 12 });
    expect((await agent.forAsset({ assetId: current })).device).toMatchObject({
      stale: false,
      daysUnseen: 2,
    });
  });
});
