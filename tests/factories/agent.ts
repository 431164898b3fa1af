import { randomUUID } from "node:crypto";
import { POST as checkInRoute } from "@/app/api/agent/v1/check-in/route";
import { POST as enrollRoute } from "@/app/api/agent/v1/enroll/route";
import { agentActor } from "@/server/agent/link";
import type { CheckIn } from "@/server/agent/payload";
import { type CheckInResult, checkIn } from "@/server/agent/services/check-in";
import { createEnrollmentToken } from "@/server/agent/services/create-enrollment-token";
import { type Db, withTenant } from "@/server/db";
import { asUser, type TestUser } from "./tenants";

/** An enrollment token created by `admin` (through the service the Settings page uses). */
export function createTestEnrollmentToken(db: Db, admin: TestUser, expiresInDays = 7) {
  return asUser(db, admin, (scope) =>
    createEnrollmentToken(scope, { name: `Token ${randomUUID().slice(0, 6)}`, expiresInDays }),
  );
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

/** POST /api/agent/v1/enroll, as the Go agent sends it. */
export function enrollRequest(token: string, device: { hostname: string; serial?: string; os?: string }) {
  return enrollRoute(new Request("http://localhost:3000/api/agent/v1/enroll", json({ token, device })));
}

/** Enrolls a device with a token and returns its id and credential. */
export async function enrollTestDevice(token: string, hostname = `host-${randomUUID().slice(0, 6)}`) {
  const response = await enrollRequest(token, { hostname });
  if (response.status !== 201)
    throw new Error(`enroll answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { deviceId: string; credential: string; checkInIntervalSeconds: number };
}

/** POST /api/agent/v1/check-in with a credential, a JSON body (or raw bytes) and extra headers. */
export function checkInRequest(
  credential: string | null,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const init =
    body instanceof Uint8Array
      ? { method: "POST", headers: { "content-type": "application/json", ...headers }, body }
      : json(body, headers);
  if (credential) (init.headers as Record<string, string>).authorization = `Bearer ${credential}`;
  return checkInRoute(new Request("http://localhost:3000/api/agent/v1/check-in", init as RequestInit));
}

/** A check-in payload like the agent's, with `overrides` on top. */
export function payload(overrides: Partial<CheckIn> = {}): CheckIn {
  return {
    agentVersion: "0.3.0",
    collectedAt: new Date().toISOString(),
    hostname: "pc-042",
    hardware: {
      vendor: "LENOVO",
      model: "ThinkPad T14 Gen 3",
      chassisType: "laptop",
      cpu: { model: "Intel(R) Core(TM) i7-1260P", cores: 12, threads: 16 },
      memoryBytes: 16 * 1024 ** 3,
      disks: [{ name: "nvme0n1", sizeBytes: 512 * 1024 ** 3, rotational: false }],
    },
    os: { family: "linux", name: "Debian GNU/Linux", version: "12", kernel: "6.1.0-13-amd64", arch: "amd64" },
    network: [{ name: "eth0", mac: "aa:bb:cc:00:00:01", ipv4: ["10.0.0.5"], ipv6: [] }],
    users: { current: ["alice"], last: "alice" },
    uptimeSeconds: 1234,
    software: [
      { name: "zoom", version: "5.17.1", publisher: "Zoom", source: "dpkg" },
      { name: "curl", version: "7.88.1", source: "dpkg" },
      { name: "vim", version: "9.0.1378", source: "dpkg" },
    ],
    ...overrides,
  };
}

/** One check-in through the service (no HTTP, no rate limit), as the device's tenant transaction runs it. */
export function checkInAs(db: Db, tenantId: string, deviceId: string, body: CheckIn): Promise<CheckInResult> {
  return withTenant(db, tenantId, (trx) =>
    checkIn(
      { db: trx, tenantId, actor: agentActor(deviceId, body.hostname), requestId: "test", cause: null },
      deviceId,
      body,
      { ip: "10.0.0.5" },
    ),
  );
}

/**
 * Tenant B's agent records for the isolation probes: an enrollment token, a discovered device
 * (hostname marked) and a device linked to `asset` by its serial, with software.
 */
export async function seedAgentDevices(
  db: Db,
  b: {
    agent: {
      createToken: (input: { name: string; expiresInDays: number }) => Promise<{ id: string; token: string }>;
    };
  },
  tenantId: string,
  asset: { serial: string },
  hostname: string,
) {
  const token = await b.agent.createToken({ name: hostname, expiresInDays: 30 });
  const pending = await enrollTestDevice(token.token, hostname);
  await checkInAs(
    db,
    tenantId,
    pending.deviceId,
    payload({ hostname, network: [], hardware: { serial: `${hostname}-S` } }),
  );
  const linked = await enrollTestDevice(token.token, `${hostname}-linked`);
  await checkInAs(
    db,
    tenantId,
    linked.deviceId,
    payload({ hostname: `${hostname}-linked`, network: [], hardware: { serial: asset.serial } }),
  );
  return {
    tokenId: token.id,
    hostname,
    pendingDeviceId: pending.deviceId,
    linkedDeviceId: linked.deviceId,
  };
}

/**
 * Tenant A's agent secrets for the isolation probes of the agent's routes: an enrollment token
 * (what the enroll and OCS routes take) and the credentials of two enrolled devices, one to check
 * in with and one to rotate (a rotation retires the credential it used).
 */
export async function seedCallingAgent(db: Db, admin: TestUser) {
  const { token } = await createTestEnrollmentToken(db, admin, 30);
  const checkingIn = await enrollTestDevice(token, "alpha-pc");
  const rotating = await enrollTestDevice(token, "alpha-rotating");
  return {
    enrollmentToken: token,
    checkInCredential: checkingIn.credential,
    rotateCredential: rotating.credential,
  };
}
