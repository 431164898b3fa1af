import { readFileSync } from "node:fs";
import { deflateSync, inflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as ocsRoute } from "@/app/api/agent/ocs/route";
import type { DatabaseHandle } from "@/db";
import { revokeEnrollmentToken } from "@/server/agent/services/revoke-enrollment-token";
import type { SessionUser } from "@/server/context";
import { type Db, withPlatform } from "@/server/db";
import { createTestEnrollmentToken } from "../factories/agent";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { asUser, createTestTenant, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

vi.mock("@/server/auth/session", () => ({ getSessionUser: async () => null as SessionUser | null }));

/**
 * The OCS Inventory path for stock agents, driven with what Debian's ocsinventory-agent 2.10
 * sends (its XML recorded on a VM; tests/fixtures/ocs): Basic auth only after a challenge,
 * zlib-compressed XML, PROLOG then INVENTORY, and zlib-compressed XML replies.
 */
let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

const debian = readFileSync("tests/fixtures/ocs/debian-ocsinventory-agent-2.10.xml", "utf8");
const laptop = readFileSync("tests/fixtures/ocs/laptop-inventory.xml", "utf8");
const prolog = (deviceId: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<REQUEST>\n  <DEVICEID>${deviceId}</DEVICEID>\n  <QUERY>PROLOG</QUERY>\n</REQUEST>\n`;

function post(xml: string | Buffer, token: string | null) {
  const headers: Record<string, string> = {
    "content-type": "application/x-compress",
    "user-agent": "OCS-NG_unified_unix_agent_v2.10.0",
  };
  if (token) headers.authorization = `Basic ${Buffer.from(`agent:${token}`).toString("base64")}`;
  const body = typeof xml === "string" ? deflateSync(xml) : xml;
  return ocsRoute(
    new Request("http://localhost:3000/api/agent/ocs", {
      method: "POST",
      headers,
      body: new Uint8Array(body),
    }),
  );
}
const replyOf = async (response: Response) =>
  inflateSync(Buffer.from(await response.arrayBuffer())).toString();

async function setup() {
  const { tenant, admin } = await createTestTenant(db);
  const fixtures = await createAssetFixtures(db, tenant.id);
  const { token, id } = await createTestEnrollmentToken(db, admin as TestUser);
  return { tenant, admin: admin as TestUser, token, tokenId: id, fixtures };
}
const devicesOf = (tenantId: string) =>
  withPlatform(db, (trx) =>
    trx
      .selectFrom("agent_devices")
      .select(["id", "hostname", "serial", "status", "ocs_device_id", "facts", "asset_id"])
      .where("tenant_id", "=", tenantId)
      .execute(),
  );
const resetBuckets = (tenantId: string) =>
  withPlatform(db, (trx) =>
    trx
      .updateTable("agent_device_presence")
      .set({ rate_tokens: 3 })
      .where("tenant_id", "=", tenantId)
      .execute(),
  );

describe("a stock OCS agent", () => {
  it("is challenged for Basic credentials first, as LWP needs before it sends them", async () => {
    const response = await post(prolog("vm-1"), null);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Basic realm="Assetronics"/);
  });

  it("is refused with a wrong or revoked token", async () => {
    const { admin, token, tokenId } = await setup();
    expect((await post(prolog("vm-1"), "enr_not-a-real-token")).status).toBe(401);
    await asUser(db, admin, (scope) => revokeEnrollmentToken(scope, tokenId));
    expect((await post(prolog("vm-1"), token)).status).toBe(401);
  });

  it("is told to send its inventory on PROLOG, then lands in the review queue with its facts and software", async () => {
    const { tenant, token } = await setup();
    const answer = await post(prolog("vm-2026-12-05-17-00-53"), token);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/x-compress");
    expect(await replyOf(answer)).toContain("<RESPONSE>SEND</RESPONSE><PROLOG_FREQ>1</PROLOG_FREQ>");

    const inventory = await post(debian, token);
    expect(inventory.status).toBe(200);
    expect(await replyOf(inventory)).toContain("<RESPONSE>no_account_update</RESPONSE>");
    const [device] = await devicesOf(tenant.id);
    expect(device).toMatchObject({
      hostname: "vm",
      status: "pending_review",
      ocs_device_id: expect.stringMatching(/^vm-/),
    });
    expect(JSON.stringify(device?.facts)).toContain("AMD EPYC");
  });

  it("is the same device on its next inventory: nothing new enrolled, an unchanged inventory changes nothing", async () => {
    const { tenant, token } = await setup();
    await post(debian, token);
    await resetBuckets(tenant.id);
    const events = async () =>
      withPlatform(db, (trx) =>
        trx.selectFrom("events").select("name").where("tenant_id", "=", tenant.id).execute(),
      );
    const before = (await events()).length;
    expect((await post(debian, token)).status).toBe(200);
    expect(await devicesOf(tenant.id)).toHaveLength(1);
    expect((await events()).length).toBe(before);
  });

  it("matches a laptop to its asset by the BIOS serial", async () => {
    const { tenant, admin, token, fixtures } = await setup();
    const asset = await createTestAsset(db, admin, fixtures.categoryId, {
      name: "Nia's laptop",
      serial: "PF3ABC12",
    });
    expect((await post(laptop, token)).status).toBe(200);
    const [device] = await devicesOf(tenant.id);
    expect(device).toMatchObject({ serial: "PF3ABC12", status: "linked", asset_id: asset.id });
  });

  it("answers bad bodies with a 4xx that says what is wrong, never a 5xx", async () => {
    const { token } = await setup();
    const notZlib = await post(Buffer.from("<REQUEST/>"), token);
    expect(notZlib.status).toBe(400);
    expect((await notZlib.json()).error.message).toMatch(/zlib-compressed XML/);
    const noDevice = await post("<REQUEST><QUERY>PROLOG</QUERY></REQUEST>", token);
    expect(noDevice.status).toBe(400);
    expect((await noDevice.json()).error.message).toContain("DEVICEID");
    const bomb = await post(deflateSync(Buffer.alloc(20 * 1024 * 1024, 0x20)), token);
    expect(bomb.status).toBe(413);
  });
});
