import { sql } from "kysely";
import type { Actor } from "@/inngest/events";
import type { TenantScope } from "../context";
import type { Executor } from "../db";
import { emit } from "../events/emit";
import type { NormalizedSoftware } from "./facts";

/** How a device came to be linked (the agent.device_linked event says it). */
export type LinkVia = "serial" | "mac" | "hostname" | "created" | "accepted" | "manual";

/** A device acts in the audit log as "Agent on <hostname>". */
export const agentActor = (deviceId: string, hostname: string): Actor => ({
  type: "agent",
  id: deviceId,
  label: `Agent on ${hostname}`,
});

const CHUNK = 1000;

/** Replaces an asset's software with a device's list (the first inventory of a newly linked device). */
export async function replaceAssetSoftware(
  db: Executor,
  tenantId: string,
  assetId: string,
  software: readonly NormalizedSoftware[],
) {
  await db
    .deleteFrom("asset_software")
    .where("tenant_id", "=", tenantId)
    .where("asset_id", "=", assetId)
    .execute();
  for (let start = 0; start < software.length; start += CHUNK) {
    await db
      .insertInto("asset_software")
      .values(
        software.slice(start, start + CHUNK).map((s) => ({
          tenant_id: tenantId,
          asset_id: assetId,
          name: s.name,
          version: s.version,
          version_key: s.versionKey,
          publisher: s.publisher,
          source: s.source,
        })),
      )
      .execute();
  }
}

/**
 * Links a device to an asset: the asset's earlier device (a machine enrolled again) is revoked and
 * replaced, the device's software becomes the asset's, and agent.device_linked records how.
 */
export async function linkDevice(
  scope: TenantScope,
  device: { id: string; hostname: string },
  asset: { id: string; tag: string },
  via: LinkVia,
  software: readonly NormalizedSoftware[] | null,
) {
  const replaced = await scope.db
    .updateTable("agent_devices")
    .set({ revoked_at: sql`now()` })
    .where("tenant_id", "=", scope.tenantId)
    .where("asset_id", "=", asset.id)
    .where("revoked_at", "is", null)
    .where("id", "<>", device.id)
    .returning("id")
    .executeTakeFirst();
  await scope.db
    .updateTable("agent_devices")
    .set({ asset_id: asset.id, status: "linked", pending_software: null })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", device.id)
    .execute();
  if (software) await replaceAssetSoftware(scope.db, scope.tenantId, asset.id, software);
  await emit(scope, {
    name: "agent.device_linked",
    entityId: device.id,
    data: {
      hostname: device.hostname,
      assetId: asset.id,
      tag: asset.tag,
      via,
      replacedDeviceId: replaced?.id ?? null,
    },
  });
}

/** The software a pending device reported, as stored on it until it is linked. */
export const pendingSoftwareOf = (value: unknown): NormalizedSoftware[] | null =>
  Array.isArray(value) ? (value as NormalizedSoftware[]) : null;
