import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db";
import { deviceCredential } from "@/server/agent/credentials";
import { type AgentHttpError, RATE } from "@/server/agent/http";
import { DevicePresence, flushDevicePresence, writePresenceAsync } from "@/server/agent/presence";
import { type PresenceWrite, writeDevicePresence } from "@/server/agent/queries";
import { receiveCheckIn } from "@/server/agent/services/receive-check-in";
import type { SessionUser } from "@/server/context";
import { type Db, withPlatform, withTenant } from "@/server/db";
import {
  checkInAs,
  checkInRequest,
  createTestEnrollmentToken,
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

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function setup() {
  const { tenant, admin } = await createTestTenant(db);
  const adminUser = admin as TestUser;
  const staff = await createTestUser(db, tenant, "it_staff");
  const { token } = await createTestEnrollmentToken(db, adminUser);
  return { tenant, admin: adminUser, staff, token };
}

/** The device row's version (xmin) and lock word (xmax): both stay put while nothing writes the row. */
const deviceVersion = (deviceId: string) =>
  withPlatform(db, async (trx) => {
    const { rows } = await sql<{ xmin: string; xmax: string; last_seen_day: Date | null }>`
      select xmin::text, xmax::text, last_seen_day from agent_devices where id = ${deviceId}`.execute(trx);
    return rows[0];
  });
const presence = (deviceId: string) =>
  withPlatform(db, (trx) =>
    trx.selectFrom("agent_device_presence").selectAll().where("device_id", "=", deviceId).executeTakeFirst(),
  );
const utcMidnight = (at: Date) => new Date(Math.floor(at.getTime() / DAY) * DAY);

describe("a device's presence, apart from its wide row", () => {
  it("writes a check-in that changes nothing to the presence row alone", async () => {
    const { token } = await setup();
    const device = await enrollTestDevice(token);
    expect(await presence(device.deviceId)).toBeUndefined(); // enrolled, never seen

    // the first check-in records the facts: the device row changes, its presence row appears
    const first = await checkInRequest(device.credential, payload());
    expect(await first.json()).toMatchObject({ changed: true });
    await flushDevicePresence();
    const seenFirst = await presence(device.deviceId);
    expect(seenFirst).toMatchObject({ last_user: "alice", rate_tokens: RATE.burst - 1 });
    const before = await deviceVersion(device.deviceId);
    expect(before?.last_seen_day).toEqual(utcMidnight(seenFirst?.last_seen_at ?? new Date(0)));

    const again = await checkInRequest(device.credential, payload({ users: { last: "bob" } }));
    expect(await again.json()).toMatchObject({ changed: false });
    await flushDevicePresence();
    // neither a new version of the device row nor a lock on it
    expect(await deviceVersion(device.deviceId)).toEqual(before);
    const seenAgain = await presence(device.deviceId);
    expect(seenAgain?.last_user).toBe("bob");
    expect(seenAgain?.last_seen_at.getTime()).toBeGreaterThanOrEqual(seenFirst?.last_seen_at.getTime() ?? 0);
    expect(seenAgain?.rate_tokens).toBeLessThan(seenFirst?.rate_tokens ?? 0);
  });

  it("updates presence rows in place (HOT: no index entry) and no device row", async () => {
    const { tenant, token } = await setup();
    const devices = await Promise.all(Array.from({ length: 5 }, () => enrollTestDevice(token)));
    for (const device of devices) await checkInAs(db, tenant.id, device.deviceId, payload());
    const counts = await withTenant(db, tenant.id, async (trx) => {
      // this backend's row counts not yet reported (they may include its earlier transactions'):
      // the difference across the group write is the write's own
      const read = async () => {
        const { rows } = await sql<{ relname: string; updated: number; hot: number }>`
          select relname, n_tup_upd::int as updated, n_tup_hot_upd::int as hot from pg_stat_xact_user_tables
           where relname in ('agent_devices', 'agent_device_presence')`.execute(trx);
        const of = (table: string) => rows.find((row) => row.relname === table) ?? { updated: 0, hot: 0 };
        return { presence: of("agent_device_presence"), devices: of("agent_devices") };
      };
      const before = await read();
      const now = Date.now();
      await writeDevicePresence(
        trx,
        tenant.id,
        devices.map((device) => ({
          id: device.deviceId,
          ip: "10.0.0.9",
          user: "carol",
          seenAt: now,
          bucket: { tokens: RATE.burst - 1, at: now },
        })),
      );
      const after = await read();
      return {
        presence: {
          updated: after.presence.updated - before.presence.updated,
          hot: after.presence.hot - before.presence.hot,
        },
        devices: { updated: after.devices.updated - before.devices.updated },
      };
    });
    expect(counts).toEqual({ presence: { updated: 5, hot: 5 }, devices: { updated: 0 } });
  });

  it("moves the device's day on once, at its first check-in of a day", async () => {
    const { tenant, token } = await setup();
    const device = await enrollTestDevice(token);
    await checkInAs(db, tenant.id, device.deviceId, payload());
    const yesterday = new Date(Date.now() - DAY);
    await withPlatform(db, async (trx) => {
      await trx
        .updateTable("agent_devices")
        .set({ last_seen_day: utcMidnight(yesterday) })
        .where("id", "=", device.deviceId)
        .execute();
      await trx
        .updateTable("agent_device_presence")
        .set({ last_seen_at: yesterday })
        .where("device_id", "=", device.deviceId)
        .execute();
    });
    const today = await checkInRequest(device.credential, payload());
    expect(await today.json()).toMatchObject({ changed: false });
    await flushDevicePresence();
    const moved = await deviceVersion(device.deviceId);
    const seen = await presence(device.deviceId);
    expect(moved?.last_seen_day).toEqual(utcMidnight(seen?.last_seen_at ?? new Date(0)));
    expect(moved?.last_seen_day?.getTime()).toBeGreaterThan(utcMidnight(yesterday).getTime());
    // the day's later check-ins leave the device row alone
    await checkInRequest(device.credential, payload());
    await flushDevicePresence();
    expect(await deviceVersion(device.deviceId)).toEqual(moved);
  });

  it("decides staleness by the exact last check-in, not its day", async () => {
    const { tenant, admin, staff, token } = await setup();
    await callerFor(admin).agent.updateSettings({ unknownDevices: "review", staleDays: 10 });
    const { categoryId } = await createAssetFixtures(db, tenant.id);
    /** A device linked to a new asset, last seen `ago` ms before now. */
    const seenAgo = async (name: string, ago: number) => {
      const asset = await createTestAsset(db, staff, categoryId, { name });
      const { deviceId } = await enrollTestDevice(token);
      const seen = new Date(Date.now() - ago);
      await withPlatform(db, async (trx) => {
        await trx
          .updateTable("agent_devices")
          .set({ asset_id: asset.id, status: "linked", last_seen_day: utcMidnight(seen) })
          .where("id", "=", deviceId)
          .execute();
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
      });
      return asset.id;
    };
    // an hour either side of the cutoff: often the same day, which only the exact time tells apart
    const justStale = await seenAgo("Just stale", 10 * DAY + HOUR);
    await seenAgo("Just current", 10 * DAY - HOUR);
    const stale = await callerFor(staff).assets.list({ agentStale: true });
    expect(stale.items.map((item) => item.id)).toEqual([justStale]);
    expect((await callerFor(staff).dashboard.agent()).stale).toBe(1);
    const devices = await callerFor(admin).agent.devices({});
    expect(devices.filter((device) => device.stale).map((device) => device.assetId)).toEqual([justStale]);
  });
});

const checkInUrl = "http://localhost:3000/api/agent/v1/check-in";
const verify = (credential: string) => deviceCredential.verify(credential, new Request(checkInUrl));

/** The device as its credential's lookup sees it, as the route's ladder hands it to the check-in. */
async function lookUp(credential: string) {
  const caller = await verify(credential);
  if (!caller) throw new Error("the credential was refused");
  return caller;
}

/** A presence buffer whose writes are counted and wait for `open()`, then go to the database. */
function gatedPresence() {
  const writes: PresenceWrite[][] = [];
  let open = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const buffer = new DevicePresence(async (tenantId, batch) => {
    writes.push(batch);
    await gate;
    await writePresenceAsync(tenantId, batch);
  });
  return { buffer, writes, open };
}

const context = (ip: string) => ({ ip, requestId: "test" });

describe("presence written behind the check-in", () => {
  it("answers a check-in that changes nothing before its presence is written, then writes it", async () => {
    const { token } = await setup();
    const device = await enrollTestDevice(token);
    expect(await (await checkInRequest(device.credential, payload())).json()).toMatchObject({
      changed: true,
    });
    await flushDevicePresence();
    const before = await presence(device.deviceId);

    const { buffer, writes, open } = gatedPresence();
    const result = await receiveCheckIn(
      await lookUp(device.credential),
      payload({ users: { last: "bob" } }),
      context("10.1.2.3"),
      buffer,
    );
    expect(result).toMatchObject({ deviceId: device.deviceId, changed: false });
    // answered: nothing written, nothing even begun
    expect(writes).toHaveLength(0);
    expect(await presence(device.deviceId)).toEqual(before);

    const flushed = buffer.flush();
    await vi.waitFor(() => expect(writes).toHaveLength(1));
    expect(await presence(device.deviceId)).toEqual(before);
    open();
    await flushed;
    const after = await presence(device.deviceId);
    expect(after).toMatchObject({ last_user: "bob", last_ip: "10.1.2.3" });
    expect(after?.last_seen_at.getTime()).toBeGreaterThan(before?.last_seen_at.getTime() ?? 0);
    expect(after?.rate_tokens).toBeLessThan(before?.rate_tokens ?? 0);
  });

  it("writes the check-ins of a tenant buffered together in one statement", async () => {
    const { token } = await setup();
    const devices = await Promise.all(Array.from({ length: 12 }, () => enrollTestDevice(token)));
    const { buffer, writes, open } = gatedPresence();
    open();
    // looked up first, so that every check-in is buffered before the flush timer could go off
    const callers = await Promise.all(devices.map((device) => lookUp(device.credential)));
    await Promise.all(
      callers.map((caller) => receiveCheckIn(caller, payload(), context("10.0.0.7"), buffer)),
    );
    await buffer.flush();
    expect(writes.map((batch) => batch.length)).toEqual([devices.length]);
    const rows = await Promise.all(devices.map((device) => presence(device.deviceId)));
    expect(rows.map((row) => row?.last_ip)).toEqual(devices.map(() => "10.0.0.7"));
  });

  it("answers 429 past the burst from this process's own slots, and from the written bucket after", async () => {
    const { token } = await setup();
    const device = await enrollTestDevice(token);
    const { buffer, writes, open } = gatedPresence();
    // every lookup before the first check-in: each reads no bucket, only this process knows the slots taken
    const callers = await Promise.all(
      Array.from({ length: RATE.burst + 1 }, () => lookUp(device.credential)),
    );
    const [over, ...burst] = callers.reverse();
    if (!over) throw new Error("a lookup per check-in");
    for (const caller of burst) await receiveCheckIn(caller, payload(), context("10.0.0.7"), buffer);
    const limited = receiveCheckIn(over, payload(), context("10.0.0.7"), buffer);
    await expect(limited).rejects.toMatchObject({ status: 429, code: "rate_limited" });
    const retryAfter = await limited.catch((error: AgentHttpError) => error.extra.retryAfter);
    expect(retryAfter).toBeGreaterThan(0);
    expect(writes).toHaveLength(0); // decided without a write

    // another process (a restarted replica) starts from the bucket the flush wrote
    open();
    await buffer.flush();
    const restarted = new DevicePresence(writePresenceAsync);
    await expect(
      receiveCheckIn(await lookUp(device.credential), payload(), context("10.0.0.7"), restarted),
    ).rejects.toMatchObject({ status: 429 });
  });

  it("refuses a revoked device at the credential's lookup, with nothing buffered", async () => {
    const { admin, token } = await setup();
    const device = await enrollTestDevice(token);
    await callerFor(admin).agent.revokeDevice({ deviceId: device.deviceId });
    expect(await verify(device.credential)).toBeNull();
    const refused = await checkInRequest(device.credential, payload());
    expect(refused.status).toBe(401);
    await flushDevicePresence();
    expect(await presence(device.deviceId)).toBeUndefined();
  });

  it("keeps the writes of a failed flush for the next one, a newer check-in winning", async () => {
    const { token } = await setup();
    const [first, second] = await Promise.all([enrollTestDevice(token), enrollTestDevice(token)]);
    if (!first || !second) throw new Error("two devices");
    const writes: PresenceWrite[][] = [];
    const buffer = new DevicePresence(async (tenantId, batch) => {
      writes.push(batch);
      if (writes.length === 1) throw new Error("the database is away");
      await writePresenceAsync(tenantId, batch);
    });
    const checkIn = async (device: { credential: string }, user: string) =>
      receiveCheckIn(
        await lookUp(device.credential),
        payload({ users: { last: user } }),
        context("10.0.0.8"),
        buffer,
      );
    await checkIn(first, "alice");
    await checkIn(second, "bob");
    await expect(buffer.flush()).rejects.toThrow("the database is away");
    expect(await presence(first.deviceId)).toBeUndefined();

    await checkIn(first, "carol"); // newer than the failed write of the same device
    await buffer.flush();
    expect(writes[0]).toHaveLength(2);
    expect((await presence(first.deviceId))?.last_user).toBe("carol");
    expect((await presence(second.deviceId))?.last_user).toBe("bob");
    // both slots of the first device are in its written bucket
    expect((await presence(first.deviceId))?.rate_tokens).toBeLessThan(RATE.burst - 1.5);
  });
});
