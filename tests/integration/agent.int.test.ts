import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { POST as rotateRoute } from "@/app/api/agent/v1/rotate/route";
import type { DatabaseHandle } from "@/db";
import { LIMITS } from "@/server/agent/payload";
import { flushDevicePresence } from "@/server/agent/presence";
import type { SessionUser } from "@/server/context";
import { type Db, withPlatform } from "@/server/db";
import { normalizeName } from "@/server/reference/names/normalize";
import {
  checkInAs,
  checkInRequest,
  createTestEnrollmentToken,
  enrollRequest,
  enrollTestDevice,
  payload,
} from "../factories/agent";
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

/** A tenant with statuses, a Laptops category, two employees, an admin and IT staff. */
async function setup() {
  const { tenant, admin } = await createTestTenant(db);
  const staff = await createTestUser(db, tenant, "it_staff");
  const fixtures = await createAssetFixtures(db, tenant.id);
  const adminUser = admin as TestUser;
  const { token } = await createTestEnrollmentToken(db, adminUser);
  return { tenant, admin: adminUser, staff, fixtures, token };
}

const eventsOf = (tenantId: string) =>
  withPlatform(db, (trx) =>
    trx
      .selectFrom("events")
      .select(["name", "entity_id", "data", "actor_type", "actor_label"])
      .where("tenant_id", "=", tenantId)
      .orderBy("seq")
      .execute(),
  );
const deviceRow = (deviceId: string) =>
  withPlatform(db, (trx) =>
    trx.selectFrom("agent_devices").selectAll().where("id", "=", deviceId).executeTakeFirstOrThrow(),
  );
const presenceRow = (deviceId: string) =>
  withPlatform(db, (trx) =>
    trx.selectFrom("agent_device_presence").selectAll().where("device_id", "=", deviceId).executeTakeFirst(),
  );
const resetBucket = (deviceId: string) =>
  withPlatform(db, (trx) =>
    trx
      .updateTable("agent_device_presence")
      .set({ rate_tokens: 3 })
      .where("device_id", "=", deviceId)
      .execute(),
  );

describe("enrollment", () => {
  it("exchanges a token for a credential shown once and stored hashed", async () => {
    const { tenant, admin, token } = await setup();
    const response = await enrollRequest(token, { hostname: "pc-enroll", os: "linux" });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.credential).toMatch(/^dev_[A-Za-z0-9_-]{43}$/);
    expect(body.checkInIntervalSeconds).toBeGreaterThan(0);
    const row = await deviceRow(body.deviceId);
    expect(row.credential_hash).not.toContain(body.credential);
    expect(row.status).toBe("pending_review");
    const [listed] = await callerFor(admin).agent.tokens();
    expect(listed?.uses).toBe(1);
    expect((await eventsOf(tenant.id)).map((e) => e.name)).toContain("agent.device_enrolled");
  });

  it("refuses an unknown, revoked or expired token with invalid_token", async () => {
    const { admin, token } = await setup();
    const unknown = await enrollRequest(`enr_${"x".repeat(43)}`, { hostname: "pc" });
    expect(unknown.status).toBe(401);
    expect((await unknown.json()).error.code).toBe("invalid_token");

    const [created] = await callerFor(admin).agent.tokens();
    await callerFor(admin).agent.revokeToken({ tokenId: created?.id ?? "" });
    const revoked = await enrollRequest(token, { hostname: "pc" });
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).error.code).toBe("invalid_token");

    const expiring = await createTestEnrollmentToken(db, admin, 1);
    await withPlatform(db, (trx) =>
      trx
        .updateTable("agent_enrollment_tokens")
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where("id", "=", expiring.id)
        .execute(),
    );
    expect((await enrollRequest(expiring.token, { hostname: "pc" })).status).toBe(401);
  });

  it("shows the install command with the token once; the list keeps only a prefix", async () => {
    const { admin } = await setup();
    const created = await callerFor(admin).agent.createToken({ name: "Berlin laptops", expiresInDays: 30 });
    expect(created.installCommand).toBe(
      `curl -fsSL http://localhost:3000/api/agent/v1/install.sh | sudo sh -s -- ${created.token}`,
    );
    const listed = (await callerFor(admin).agent.tokens()).find((t) => t.id === created.id);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(created.token.startsWith(listed?.prefix ?? "-")).toBe(true);
  });
});

describe("check-in", () => {
  it("queues an unknown device for review with its facts and software count", async () => {
    const { tenant, staff, token } = await setup();
    const device = await enrollTestDevice(token, "pc-unknown");
    const response = await checkInRequest(device.credential, payload({ hostname: "pc-unknown" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: "ok",
      deviceId: device.deviceId,
      assetId: null,
      changed: true,
    });
    const [queued] = await callerFor(staff).agent.discovered();
    expect(queued).toMatchObject({
      hostname: "pc-unknown",
      memory: "16 GB",
      cpu: "Intel(R) Core(TM) i7-1260P, 12 cores, 16 threads",
      softwareCount: 3,
      os: "Debian GNU/Linux 12",
    });
    expect((await eventsOf(tenant.id)).filter((e) => e.name === "agent.device_discovered")).toHaveLength(1);
  });

  it("records an unchanged check-in as last seen only: no event, no audit row", async () => {
    const { tenant, token } = await setup();
    const device = await enrollTestDevice(token);
    await checkInAs(db, tenant.id, device.deviceId, payload());
    const before = await eventsOf(tenant.id);
    const seenBefore = (await presenceRow(device.deviceId))?.last_seen_at;
    const again = await checkInAs(
      db,
      tenant.id,
      device.deviceId,
      payload({ collectedAt: new Date().toISOString(), uptimeSeconds: 99999, users: { last: "bob" } }),
    );
    expect(again.changed).toBe(false);
    expect(await eventsOf(tenant.id)).toHaveLength(before.length);
    const row = await presenceRow(device.deviceId);
    expect(row?.last_user).toBe("bob");
    expect(row?.last_seen_at.getTime()).toBeGreaterThanOrEqual(seenBefore?.getTime() ?? 0);
  });

  // the chain head held by another transaction: a check-in that waited for it would hang
  it.skipIf(!inject("testDatabaseUrl"))(
    "answers a check-in that changes nothing without an event or the tenant's event-chain lock",
    async () => {
      const { tenant, staff, fixtures, token } = await setup();
      await createTestAsset(db, staff, fixtures.categoryId, { serial: "LOCK-1" });
      const device = await enrollTestDevice(token);
      const reported = payload({ hardware: { serial: "LOCK-1", memoryBytes: 16 * 1024 ** 3 } });
      expect(await (await checkInRequest(device.credential, reported)).json()).toMatchObject({
        changed: true,
      });
      const before = await eventsOf(tenant.id);
      const within = <T>(ms: number, work: Promise<T>) =>
        Promise.race([work, new Promise<"waiting">((resolve) => setTimeout(() => resolve("waiting"), ms))]);
      let changed: Promise<Response> | undefined;
      await withPlatform(db, async (trx) => {
        await trx
          .selectFrom("event_chain_heads")
          .select("tenant_id")
          .where("tenant_id", "=", tenant.id)
          .forUpdate()
          .executeTakeFirstOrThrow();
        const unchanged = await within(5_000, checkInRequest(device.credential, reported));
        expect(unchanged).not.toBe("waiting");
        expect(await (unchanged as Response).json()).toMatchObject({ changed: false });
        expect(await eventsOf(tenant.id)).toHaveLength(before.length);
        // the probe can fail: a check-in with a change (an event) does wait for the chain head
        changed = checkInRequest(device.credential, {
          ...reported,
          hardware: { serial: "LOCK-1", memoryBytes: 32 * 1024 ** 3 },
        });
        expect(await within(500, changed)).toBe("waiting");
      });
      expect((await changed)?.status).toBe(200);
      const names = (await eventsOf(tenant.id)).slice(before.length).map((e) => e.name);
      expect(names).toEqual(["asset.hardware_changed"]);
    },
  );

  it("matches by serial first, then MAC, then hostname", async () => {
    const { tenant, staff, fixtures, token } = await setup();
    const bySerial = await createTestAsset(db, staff, fixtures.categoryId, {
      name: "Serial laptop",
      serial: "SER-123",
    });
    const byName = await createTestAsset(db, staff, fixtures.categoryId, {
      name: "named-host",
      serial: "SER-999",
    });
    // a device linked earlier with MAC aa:..:02 stands for the MAC match
    const byMac = await createTestAsset(db, staff, fixtures.categoryId, {
      name: "Mac laptop",
      serial: "SER-555",
    });
    const earlier = await enrollTestDevice(token);
    await checkInAs(
      db,
      tenant.id,
      earlier.deviceId,
      payload({ hostname: "earlier", network: [{ name: "eth0", mac: "aa:bb:cc:00:00:02" }] }),
    );
    await callerFor(staff).agent.link({ deviceId: earlier.deviceId, assetId: byMac.id });

    const noSerial = await enrollTestDevice(token);
    const macNext = await checkInAs(
      db,
      tenant.id,
      noSerial.deviceId,
      payload({
        hostname: "named-host",
        hardware: {},
        network: [{ name: "eth0", mac: "aa:bb:cc:00:00:02" }],
      }),
    );
    expect(macNext.assetId).toBe(byMac.id);
    // the machine enrolled again: its earlier device is replaced
    expect((await deviceRow(earlier.deviceId)).revoked_at).not.toBeNull();

    const everything = await enrollTestDevice(token);
    const serialFirst = await checkInAs(
      db,
      tenant.id,
      everything.deviceId,
      payload({
        hostname: "named-host",
        hardware: { serial: "ser-123" },
        network: [{ name: "eth0", mac: "AA:BB:CC:00:00:02" }],
      }),
    );
    expect(serialFirst.assetId).toBe(bySerial.id);

    const hostOnly = await enrollTestDevice(token);
    const hostnameLast = await checkInAs(
      db,
      tenant.id,
      hostOnly.deviceId,
      payload({
        hostname: "Named-Host",
        hardware: {},
        network: [{ name: "eth0", mac: "aa:bb:cc:00:00:09" }],
      }),
    );
    expect(hostnameLast.assetId).toBe(byName.id);
    const linked = (await eventsOf(tenant.id))
      .filter((e) => e.name === "agent.device_linked")
      .map((e) => (e.data as { via: string }).via);
    expect(linked).toEqual(["manual", "mac", "serial", "hostname"]);
  });

  it("records hardware and OS changes in the asset's history with one event", async () => {
    const { tenant, staff, fixtures, token } = await setup();
    const asset = await createTestAsset(db, staff, fixtures.categoryId, { serial: "HW-1" });
    const device = await enrollTestDevice(token);
    await checkInAs(
      db,
      tenant.id,
      device.deviceId,
      payload({ hardware: { serial: "HW-1", memoryBytes: 16 * 1024 ** 3 } }),
    );
    await checkInAs(
      db,
      tenant.id,
      device.deviceId,
      payload({
        hardware: { serial: "HW-1", memoryBytes: 32 * 1024 ** 3 },
        os: { family: "linux", name: "Debian GNU/Linux", version: "13", kernel: "6.12.0", arch: "amd64" },
      }),
    );
    const changed = (await eventsOf(tenant.id)).filter((e) => e.name === "asset.hardware_changed");
    expect(changed).toHaveLength(1);
    expect(changed[0]?.actor_type).toBe("agent");
    expect((changed[0]?.data as { changes?: Record<string, unknown> } | undefined)?.changes).toEqual({
      memory: { before: "16 GB", after: "32 GB" },
      os: { before: "Debian GNU/Linux 12", after: "Debian GNU/Linux 13" },
      kernel: { before: "6.1.0-13-amd64", after: "6.12.0" },
    });
    const history = await callerFor(staff).assets.history({ assetId: asset.id });
    expect(history[0]).toMatchObject({ type: "hardware_change" });
    expect(history[0]?.notes).toContain("memory: 16 GB → 32 GB");
  });

  it("diffs software into installed, removed and updated, with an event only on change", async () => {
    const { tenant, staff, fixtures, token } = await setup();
    const asset = await createTestAsset(db, staff, fixtures.categoryId, { serial: "SW-1" });
    const device = await enrollTestDevice(token);
    const first = payload({ hardware: { serial: "SW-1" } });
    await checkInAs(db, tenant.id, device.deviceId, first);
    expect(await callerFor(staff).agent.assetSoftware({ assetId: asset.id })).toHaveLength(3);
    const software = [
      { name: "zoom", version: "6.1.0", publisher: "Zoom", source: "dpkg" as const },
      { name: "curl", version: "7.88.1", source: "dpkg" as const },
      { name: "git", version: "2.39.5", source: "dpkg" as const },
    ];
    await checkInAs(db, tenant.id, device.deviceId, { ...first, software });
    await checkInAs(db, tenant.id, device.deviceId, { ...first, software });
    const events = (await eventsOf(tenant.id)).filter((e) => e.name === "asset.software_changed");
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({
      installed: [{ name: "git", version: "2.39.5" }],
      removed: [{ name: "vim", version: "9.0.1378" }],
      updated: [{ name: "zoom", from: "5.17.1", to: "6.1.0" }],
      counts: { installed: 1, removed: 1, updated: 1 },
    });
    const listed = await callerFor(staff).agent.assetSoftware({ assetId: asset.id });
    expect(listed.map((s) => `${s.name} ${s.version}`).sort()).toEqual([
      "curl 7.88.1",
      "git 2.39.5",
      "zoom 6.1.0",
    ]);
  });

  it("creates unknown devices in stock when the tenant says so, in the chassis's category", async () => {
    const { tenant, admin, token } = await setup();
    await callerFor(admin).agent.updateSettings({ unknownDevices: "create_in_stock", staleDays: 7 });
    const laptops = await withPlatform(db, (trx) =>
      trx
        .insertInto("categories")
        .values({ tenant_id: tenant.id, name: "Laptops", normalized_name: normalizeName("Laptops") })
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
    const device = await enrollTestDevice(token);
    const result = await checkInAs(
      db,
      tenant.id,
      device.deviceId,
      payload({ hostname: "new-laptop", hardware: { serial: "NEW-1", chassisType: "laptop" } }),
    );
    const asset = await callerFor(admin).assets.get({ assetId: result.assetId ?? "" });
    expect(asset).toMatchObject({ name: "new-laptop", serial: "NEW-1", category: { id: laptops.id } });
    expect(await callerFor(admin).agent.discovered()).toHaveLength(0);
  });

  it("suggests the employee whose username the device's last user is, for an asset nobody holds", async () => {
    const { tenant, staff, fixtures, token } = await setup();
    const asset = await createTestAsset(db, staff, fixtures.categoryId, { serial: "SUG-1" });
    const device = await enrollTestDevice(token);
    const jane = await withPlatform(db, (trx) =>
      trx
        .selectFrom("employees")
        .select("work_email")
        .where("id", "=", fixtures.jane.id)
        .executeTakeFirstOrThrow(),
    );
    const username = jane.work_email?.split("@")[0] ?? "";
    await checkInAs(
      db,
      tenant.id,
      device.deviceId,
      payload({ hardware: { serial: "SUG-1" }, users: { last: username } }),
    );
    const view = await callerFor(staff).agent.forAsset({ assetId: asset.id });
    expect(view.suggestedEmployee).toEqual({ id: fixtures.jane.id, name: fixtures.jane.name });
    expect(view.device?.lastUser).toBe(username);
    expect(view.softwareCount).toBe(3);
  });
});

describe("review queue", () => {
  it("accepts a device as a new asset, software included, searchable by version", async () => {
    const { tenant, staff, fixtures, token } = await setup();
    const device = await enrollTestDevice(token);
    await checkInAs(
      db,
      tenant.id,
      device.deviceId,
      payload({ hostname: "queued-pc", hardware: { serial: "Q-1", chassisType: "laptop" } }),
    );
    const accepted = await callerFor(staff).agent.accept({
      deviceId: device.deviceId,
      categoryId: fixtures.categoryId,
    });
    const asset = await callerFor(staff).assets.get({ assetId: accepted.assetId });
    expect(asset).toMatchObject({ name: "queued-pc", serial: "Q-1" });
    expect(await callerFor(staff).agent.discovered()).toHaveLength(0);
    const below6 = await callerFor(staff).agent.searchSoftware({ name: "Zoo", below: "6.0" });
    expect(below6.map((r) => [r.tag, r.version])).toEqual([[accepted.tag, "5.17.1"]]);
    expect(await callerFor(staff).agent.searchSoftware({ name: "zoom", below: "5.9" })).toEqual([]);
    const names = (await eventsOf(tenant.id)).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(["asset.created", "agent.device_linked"]));
  });

  it("links a device to an existing asset, or ignores it", async () => {
    const { tenant, staff, fixtures, token } = await setup();
    const asset = await createTestAsset(db, staff, fixtures.categoryId, { name: "Existing" });
    const one = await enrollTestDevice(token);
    const two = await enrollTestDevice(token);
    await checkInAs(db, tenant.id, one.deviceId, payload({ hostname: "one", network: [] }));
    await checkInAs(db, tenant.id, two.deviceId, payload({ hostname: "two", network: [] }));
    await callerFor(staff).agent.link({ deviceId: one.deviceId, assetId: asset.id });
    await callerFor(staff).agent.ignore({ deviceId: two.deviceId });
    expect(await callerFor(staff).agent.discovered()).toEqual([]);
    expect((await callerFor(staff).agent.forAsset({ assetId: asset.id })).device?.hostname).toBe("one");
    await expect(callerFor(staff).agent.link({ deviceId: one.deviceId, assetId: asset.id })).rejects.toThrow(
      /already linked/,
    );
    // an ignored device keeps checking in, and is not matched again
    const again = await checkInAs(
      db,
      tenant.id,
      two.deviceId,
      payload({ hostname: "Existing", network: [] }),
    );
    expect(again.assetId).toBeNull();
  });

  it("keeps devices to their tenant: another tenant's serial is not matched", async () => {
    const other = await setup();
    const foreign = await createTestAsset(db, other.staff, other.fixtures.categoryId, {
      serial: "FOREIGN-1",
    });
    const mine = await setup();
    const device = await enrollTestDevice(mine.token);
    const result = await checkInAs(
      db,
      mine.tenant.id,
      device.deviceId,
      payload({ hardware: { serial: "FOREIGN-1" } }),
    );
    expect(result.assetId).toBeNull();
    expect((await callerFor(other.staff).agent.forAsset({ assetId: foreign.id })).device).toBeNull();
  });
});

describe("agent routes", () => {
  it("answers 401 without a credential, or with a revoked one", async () => {
    const { admin, token } = await setup();
    expect((await checkInRequest(null, payload())).status).toBe(401);
    const device = await enrollTestDevice(token);
    await callerFor(admin).agent.revokeDevice({ deviceId: device.deviceId });
    expect((await checkInRequest(device.credential, payload())).status).toBe(401);
  });

  it("rotates a credential: the old one stops working, the new one works", async () => {
    const { token } = await setup();
    const device = await enrollTestDevice(token);
    const rotated = await rotateRoute(
      new Request("http://localhost:3000/api/agent/v1/rotate", {
        method: "POST",
        headers: { authorization: `Bearer ${device.credential}` },
      }),
    );
    expect(rotated.status).toBe(200);
    const { credential } = await rotated.json();
    expect(credential).not.toBe(device.credential);
    expect((await checkInRequest(device.credential, payload())).status).toBe(401);
    expect((await checkInRequest(credential, payload())).status).toBe(200);
  });

  it("answers 413 past 2 MB, plain or inflated from gzip", async () => {
    const { token } = await setup();
    const device = await enrollTestDevice(token);
    const big = payload({ hostname: "x".repeat(LIMITS.bodyBytes) });
    expect((await checkInRequest(device.credential, big)).status).toBe(413);
    const bomb = gzipSync(
      Buffer.from(JSON.stringify({ ...payload(), padding: " ".repeat(3 * 1024 * 1024) })),
    );
    expect(bomb.length).toBeLessThan(100_000);
    const response = await checkInRequest(device.credential, new Uint8Array(bomb), {
      "content-encoding": "gzip",
    });
    expect(response.status).toBe(413);
  });

  it("accepts a gzip body and answers 422 naming each problem of a bad payload", async () => {
    const { token } = await setup();
    const device = await enrollTestDevice(token);
    const zipped = gzipSync(Buffer.from(JSON.stringify(payload())));
    expect(
      (await checkInRequest(device.credential, new Uint8Array(zipped), { "content-encoding": "gzip" }))
        .status,
    ).toBe(200);
    await flushDevicePresence();
    await resetBucket(device.deviceId);
    const bad = await checkInRequest(device.credential, {
      ...payload(),
      hostname: "",
      os: { family: "beos" },
    });
    expect(bad.status).toBe(422);
    const body = await bad.json();
    expect(body.error.code).toBe("invalid_payload");
    expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(["hostname", "os.family"]),
    );
    const notJson = await checkInRequest(device.credential, new TextEncoder().encode("{nope"));
    expect(notJson.status).toBe(400);
  });

  it("answers 429 with Retry-After past 3 check-ins in a burst", async () => {
    const { token } = await setup();
    const device = await enrollTestDevice(token);
    for (let i = 0; i < 3; i++) expect((await checkInRequest(device.credential, payload())).status).toBe(200);
    const limited = await checkInRequest(device.credential, payload());
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe("rate_limited");
  });
});

describe("install script and downloads", () => {
  it("serves a POSIX install script that enrolls with the token given to it", async () => {
    const { GET } = await import("@/app/api/agent/v1/install.sh/route");
    const response = await GET(new Request("http://localhost:3000/api/agent/v1/install.sh"));
    expect(response.headers.get("content-type")).toContain("text/x-shellscript");
    const script = await response.text();
    expect(script).toContain('curl -fsSL "$SERVER/api/agent/v1/download/linux/$ARCH"');
    expect(script).toContain('"$BIN" enroll --force --server "$SERVER" --token "$TOKEN"');
    expect(script).toContain("RestartPreventExitStatus=3 4");
    expect(script).toContain("systemctl enable --now assetronics-agent.service");
  });

  it("refuses an unknown platform with a 400 naming it", async () => {
    const { GET } = await import("@/app/api/agent/v1/download/[os]/[arch]/route");
    const response = await GET(new Request("http://localhost:3000/api/agent/v1/download/beos/amd64"), {
      params: Promise.resolve({ os: "beos", arch: "amd64" }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toContain("linux, darwin or windows");
  });
});
