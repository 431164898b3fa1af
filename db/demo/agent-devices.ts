import { createHash, randomUUID } from "node:crypto";
import { type DeviceFacts, factsHash } from "@/server/agent/facts";
import type { Trx } from "@/server/db";
import type { AssetPlan } from "./asset-factory";
import type { EmployeePlan } from "./people";

/** One device running the agent, linked to its asset, as its check-ins left it. */
export type AgentDevicePlan = {
  assetId: string;
  hostname: string;
  lastUser: string;
  lastSeenAt: Date;
  facts: DeviceFacts;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Every this-many-th device has gone quiet: the dashboard and the asset list flag it. */
const QUIET_EVERY = 16;
export const DEMO_AGENT_VERSION = "0.3.0";

const osOf = (manufacturer: string): DeviceFacts["os"] =>
  manufacturer === "Apple"
    ? { family: "darwin", name: "macOS", version: "15.1", arch: "arm64" }
    : { family: "windows", name: "Windows 11 Pro", version: "23H2", arch: "amd64" };

/**
 * The agent on Acme's assigned laptops and desktops: most checked in within the last hours, and
 * one in QUIET_EVERY has been silent for 15 to 58 days, past the default 14 stale days, so a new
 * user sees "Not seen for 14+ days" on the dashboard and the flags in the asset list. Deterministic
 * (by tag order), like the rest of the demo.
 */
export function planAgentDevices(
  assets: readonly AssetPlan[],
  employees: readonly EmployeePlan[],
  now: Date,
): AgentDevicePlan[] {
  const emails = new Map(employees.map((employee) => [employee.id, employee.email]));
  return assets
    .filter(
      (asset) =>
        asset.status === "assigned" && (asset.category === "Laptops" || asset.category === "Desktops"),
    )
    .sort((a, b) => (a.tag < b.tag ? -1 : 1))
    .map((asset, index) => {
      const user = (asset.employeeId ? emails.get(asset.employeeId) : undefined)?.split("@")[0] ?? "it";
      const hostname = `${user.replace(/[^a-z0-9]+/gi, "-")}-${asset.tag.toLowerCase()}`;
      const quiet = index % QUIET_EVERY === QUIET_EVERY / 2;
      const ago = quiet ? (15 + ((index * 7) % 44)) * DAY : ((index * 37) % 20) * HOUR + 5 * 60_000;
      return {
        assetId: asset.id,
        hostname,
        lastUser: user,
        lastSeenAt: new Date(now.getTime() - ago),
        facts: {
          agentVersion: DEMO_AGENT_VERSION,
          hostname,
          hardware: {
            serial: asset.serial,
            vendor: asset.model.manufacturer,
            model: asset.model.name,
            chassisType: asset.category === "Laptops" ? "laptop" : "desktop",
          },
          os: osOf(asset.model.manufacturer),
          network: [],
          errors: [],
        },
      };
    });
}

/**
 * The devices, linked to their assets, with their presence rows (their last check-in). Each
 * credential hash is of a random value nobody keeps: nothing can check in as a demo device, so
 * the quiet ones stay quiet.
 */
export async function insertAgentDevices(
  trx: Trx,
  tenantId: string,
  devices: readonly AgentDevicePlan[],
): Promise<void> {
  if (devices.length === 0) return;
  const inserted = await trx
    .insertInto("agent_devices")
    .values(
      devices.map((device) => ({
        tenant_id: tenantId,
        asset_id: device.assetId,
        status: "linked",
        hostname: device.hostname,
        serial: device.facts.hardware?.serial ?? null,
        os: device.facts.os?.name ?? null,
        agent_version: DEMO_AGENT_VERSION,
        credential_hash: createHash("sha256").update(`demo-device:${randomUUID()}`).digest("hex"),
        first_seen_at: new Date(device.lastSeenAt.getTime() - 90 * DAY),
        last_seen_day: startOfUtcDay(device.lastSeenAt),
        facts: JSON.stringify(device.facts),
        facts_hash: factsHash(device.facts),
      })),
    )
    .returning(["id", "asset_id"])
    .execute();
  const byAsset = new Map(devices.map((device) => [device.assetId, device]));
  await trx
    .insertInto("agent_device_presence")
    .values(
      inserted.flatMap((row) => {
        const device = byAsset.get(row.asset_id ?? "");
        if (!device) return [];
        const seen = device.lastSeenAt;
        return [
          {
            device_id: row.id,
            tenant_id: tenantId,
            last_seen_at: seen,
            last_user: device.lastUser,
            rate_tokens: 3,
            rate_at: seen,
          },
        ];
      }),
    )
    .execute();
}

/** Midnight UTC of the day of `at`, as agent_devices.last_seen_day keeps it. */
const startOfUtcDay = (at: Date) => new Date(Math.floor(at.getTime() / DAY) * DAY);
