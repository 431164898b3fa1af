import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db";
import type { SessionUser } from "@/server/context";
import { type Db, withPlatform } from "@/server/db";
import { shutDown } from "@/server/shutdown";
import { checkInRequest, createTestEnrollmentToken, enrollTestDevice, payload } from "../factories/agent";
import { createTestTenant, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

vi.mock("@/server/auth/session", () => ({ getSessionUser: async () => null as SessionUser | null }));

// A file of its own: the shutdown runs once per process.
let handle: DatabaseHandle;
let db: Db;

beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

const presence = (deviceId: string) =>
  withPlatform(db, (trx) =>
    trx.selectFrom("agent_device_presence").selectAll().where("device_id", "=", deviceId).executeTakeFirst(),
  );

describe("shutting down with check-ins buffered", () => {
  it("writes their presence after the last request, before the database closes", async () => {
    const { admin } = await createTestTenant(db);
    const { token } = await createTestEnrollmentToken(db, admin as TestUser);
    const device = await enrollTestDevice(token);
    const answered = await checkInRequest(device.credential, payload({ users: { last: "dana" } }));
    expect(answered.status).toBe(200);
    // what the database holds when it is closed: the shutdown comes well within the buffer's
    // timer (half a second), so only the shutdown's own flush can have written it
    let atClose: Awaited<ReturnType<typeof presence>> | undefined;
    await shutDown(async () => {
      atClose = await presence(device.deviceId);
    });
    expect(atClose).toMatchObject({ device_id: device.deviceId, last_user: "dana" });
  });
});
