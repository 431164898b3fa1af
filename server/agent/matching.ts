import { sql } from "kysely";
import type { Executor } from "../db";
import type { LinkVia } from "./link";

/** Serials firmware reports when the vendor filled in none: they identify nothing. */
const PLACEHOLDER_SERIAL =
  /^(0+|none|n\/a|na|default string|to be filled by o\.e\.m\.|system serial number|not specified|123456789|chassis serial number)$/i;

export const usableSerial = (serial: string | null | undefined): string | null => {
  const trimmed = serial?.trim();
  return trimmed && !PLACEHOLDER_SERIAL.test(trimmed) ? trimmed : null;
};

export type Match = { asset: { id: string; tag: string }; via: LinkVia };

/**
 * The tenant's asset a device is, tried in order of certainty:
 *  1. serial: the asset with that serial;
 *  2. MAC: the asset another device with one of these MACs was linked to (the machine enrolled
 *     again, a revoked device included);
 *  3. hostname: the asset another device of that hostname was linked to, or the one asset named
 *     like it; never an asset another active device is linked to (two machines can share a name).
 * An ambiguous step (two assets) matches nothing and the next is tried.
 */
export async function matchAsset(
  db: Executor,
  tenantId: string,
  device: { id: string; serial: string | null; macs: readonly string[]; hostname: string },
): Promise<Match | null> {
  const serial = usableSerial(device.serial);
  if (serial) {
    const asset = await db
      .selectFrom("assets")
      .select(["id", "tag"])
      .where("tenant_id", "=", tenantId)
      .where(sql`lower(serial)`, "=", serial.toLowerCase())
      .executeTakeFirst();
    if (asset) return { asset, via: "serial" };
  }
  if (device.macs.length > 0) {
    const assets = await db
      .selectFrom("agent_devices as d")
      .innerJoin("assets as a", "a.id", "d.asset_id")
      .select(["a.id", "a.tag"])
      .distinct()
      .where("d.tenant_id", "=", tenantId)
      .where("d.id", "<>", device.id)
      .where(sql<boolean>`d.macs && ${sql.val([...device.macs])}::text[]`)
      .limit(2)
      .execute();
    if (assets.length === 1 && assets[0]) return { asset: assets[0], via: "mac" };
  }
  const hostname = device.hostname.trim().toLowerCase();
  if (!hostname || hostname === "localhost") return null;
  const activeElsewhere = (assetId: ReturnType<typeof sql.ref>) =>
    sql<boolean>`not exists (select 1 from agent_devices o where o.tenant_id = ${tenantId}
      and o.asset_id = ${assetId} and o.revoked_at is null and o.id <> ${device.id})`;
  const byDevice = await db
    .selectFrom("agent_devices as d")
    .innerJoin("assets as a", "a.id", "d.asset_id")
    .select(["a.id", "a.tag"])
    .distinct()
    .where("d.tenant_id", "=", tenantId)
    .where("d.id", "<>", device.id)
    .where(sql`lower(d.hostname)`, "=", hostname)
    .where(activeElsewhere(sql.ref("a.id")))
    .limit(2)
    .execute();
  if (byDevice.length === 1 && byDevice[0]) return { asset: byDevice[0], via: "hostname" };
  const byName = await db
    .selectFrom("assets as a")
    .select(["a.id", "a.tag"])
    .where("a.tenant_id", "=", tenantId)
    .where(sql`lower(a.name)`, "=", hostname)
    .where(activeElsewhere(sql.ref("a.id")))
    .limit(2)
    .execute();
  if (byName.length === 1 && byName[0]) return { asset: byName[0], via: "hostname" };
  return null;
}
