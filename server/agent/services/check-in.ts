import { createAsset } from "../../assets/services/create-asset";
import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import {
  type DeviceFacts,
  diffFacts,
  factsHash,
  factsOf,
  latestSoftware,
  macsOf,
  type NormalizedSoftware,
  type ReportedPackage,
  softwareHash,
  withVersionKeys,
} from "../facts";
import { agentActor, linkDevice, pendingSoftwareOf } from "../link";
import { matchAsset, usableSerial } from "../matching";
import type { CheckIn } from "../payload";
import { agentSettings, categoryForChassis, lockDevice, markDeviceSeen } from "../queries";
import { applySoftwareDiff } from "./software-diff";

/** How often an agent is asked to check in (it adds jitter). */
export const CHECK_IN_INTERVAL_SECONDS = 3600;

export type CheckInResult = {
  deviceId: string;
  assetId: string | null;
  /** Whether the facts or the software differed from the last check-in. */
  changed: boolean;
  nextCheckInSeconds: number;
};

export type CheckInContext = { ip: string | null };

/** Who last used the device, as the agent reports it. */
export const lastUserOf = (payload: CheckIn): string | null =>
  payload.users?.last ?? payload.users?.current?.[0] ?? null;

/**
 * What a check-in reports that is kept between check-ins, with the hashes it is compared by: the
 * packages as hashed (`ReportedPackage`), or with their version keys for a check-in that changed.
 */
export type Reported<Package = NormalizedSoftware> = {
  facts: DeviceFacts;
  hash: string;
  software: Package[] | null;
  swHash: string | null;
};

/** A check-in's hashes, and no more: all a check-in that changes nothing is compared by. */
export function digestOf(payload: CheckIn): Reported<ReportedPackage> {
  const facts = factsOf(payload);
  const software = payload.software ? latestSoftware(payload.software) : null;
  return { facts, hash: factsHash(facts), software, swHash: software ? softwareHash(software) : null };
}

/** A digest with its packages' version keys, for recording the changes it carries. */
export const detailedOf = (digest: Reported<ReportedPackage>): Reported => ({
  ...digest,
  software: digest.software ? withVersionKeys(digest.software) : null,
});

export const reportedOf = (payload: CheckIn): Reported => detailedOf(digestOf(payload));

/** Whether a device's stored hashes already say what it reports (a check-in without software keeps it). */
export const isUnchanged = (
  stored: { facts_hash: string | null; software_hash: string | null },
  reported: Reported<ReportedPackage>,
): boolean =>
  stored.facts_hash === reported.hash &&
  (reported.swHash === null || stored.software_hash === reported.swHash);

export const checkInResult = (deviceId: string, assetId: string | null, changed: boolean): CheckInResult => ({
  deviceId,
  assetId,
  changed,
  nextCheckInSeconds: CHECK_IN_INTERVAL_SECONDS,
});

/**
 * One check-in of a device in `scope`, the device's tenant transaction (the OCS path; the agent's
 * route buffers its presence writes instead, services/receive-check-in.ts). Unchanged facts and
 * software (the common case) only write the device's presence row (last seen, address and user,
 * markDeviceSeen): no event, so the tenant's event-chain lock is never taken. Otherwise the changes are recorded
 * (recordCheckInChanges).
 */
export async function checkIn(
  scope: TenantScope,
  deviceId: string,
  payload: CheckIn,
  context: CheckInContext = { ip: null },
): Promise<CheckInResult> {
  const reported = digestOf(payload);
  const seen = await markDeviceSeen(scope.db, scope.tenantId, {
    id: deviceId,
    ip: context.ip,
    user: lastUserOf(payload),
  });
  if (!seen) throw new AppError("UNAUTHORIZED", "This device was revoked: enroll it again.");
  if (isUnchanged(seen, reported)) return checkInResult(deviceId, seen.asset_id, false);
  return recordCheckInChanges(scope, deviceId, detailedOf(reported));
}

/**
 * What a check-in that differs from the device's stored hashes changes, in `outer` (the tenant
 * transaction): the device row is locked and, in order, an unlinked device is matched to an asset
 * (or queued for review, or created in stock per the tenant's setting); hardware and OS changes of
 * a linked asset go to its history with asset.hardware_changed; software changes with
 * asset.software_changed. A concurrent check-in that recorded the same changes first leaves
 * nothing to do.
 */
export async function recordCheckInChanges(
  outer: TenantScope,
  deviceId: string,
  reported: Reported,
): Promise<CheckInResult> {
  const result = (assetId: string | null, changed: boolean) => checkInResult(deviceId, assetId, changed);
  const device = await lockDevice(outer.db, outer.tenantId, deviceId);
  const factsChanged = device.facts_hash !== reported.hash;
  const softwareChanged = reported.swHash !== null && device.software_hash !== reported.swHash;
  if (!factsChanged && !softwareChanged) return result(device.asset_id, false); // a concurrent twin did it
  const { facts } = reported;
  const scope = { ...outer, actor: agentActor(device.id, facts.hostname) };
  const macs = macsOf(facts);
  const serial = usableSerial(facts.hardware?.serial);

  await scope.db
    .updateTable("agent_devices")
    .set({
      hostname: facts.hostname,
      serial,
      macs,
      os: facts.os
        ? [facts.os.name ?? facts.os.family, facts.os.version].filter(Boolean).join(" ")
        : device.os,
      agent_version: facts.agentVersion,
      facts: JSON.stringify(facts),
      facts_hash: reported.hash,
      ...(reported.software
        ? { software_hash: reported.swHash, software_count: reported.software.length }
        : {}),
    })
    .where("id", "=", device.id)
    .execute();

  let assetId = device.asset_id;
  let justLinked = false;
  const software = reported.software ?? pendingSoftwareOf(device.pending_software);
  if (!assetId && device.status === "pending_review") {
    const match = await matchAsset(scope.db, scope.tenantId, {
      id: device.id,
      serial,
      macs,
      hostname: facts.hostname,
    });
    const created = match ? null : await createInStock(scope, device, facts, serial);
    const linked = match ?? created;
    if (linked) {
      await linkDevice(
        scope,
        { id: device.id, hostname: facts.hostname },
        linked.asset,
        linked.via,
        software ?? [],
      );
      assetId = linked.asset.id;
      justLinked = true;
    } else {
      if (device.facts_hash === null) {
        await emit(scope, {
          name: "agent.device_discovered",
          entityId: device.id,
          data: { hostname: facts.hostname, serial },
        });
      }
      if (reported.software) {
        await scope.db
          .updateTable("agent_devices")
          .set({ pending_software: JSON.stringify(reported.software) })
          .where("id", "=", device.id)
          .execute();
      }
    }
  }
  if (assetId && !justLinked) {
    const asset = await scope.db
      .selectFrom("assets")
      .select(["id", "tag"])
      .where("tenant_id", "=", scope.tenantId)
      .where("id", "=", assetId)
      .executeTakeFirstOrThrow();
    const previous = device.facts_hash ? (device.facts as DeviceFacts) : null;
    const changes = factsChanged && previous ? diffFacts(previous, facts) : {};
    if (Object.keys(changes).length > 0) await recordHardwareChange(scope, device.id, asset, changes);
    if (softwareChanged && reported.software) {
      await applySoftwareDiff(scope, device.id, asset, reported.software);
    }
  }
  return result(assetId, true);
}

async function recordHardwareChange(
  scope: TenantScope,
  deviceId: string,
  asset: { id: string; tag: string },
  changes: Record<string, { before: string | null; after: string | null }>,
) {
  const emitted = await emit(scope, {
    name: "asset.hardware_changed",
    entityId: asset.id,
    data: { tag: asset.tag, deviceId, changes },
  });
  const summary = Object.entries(changes)
    .map(([field, { before, after }]) => `${field}: ${before ?? "—"} → ${after ?? "—"}`)
    .join("\n");
  await scope.db
    .insertInto("asset_transactions")
    .values({
      tenant_id: scope.tenantId,
      asset_id: asset.id,
      type: "hardware_change",
      notes: summary.slice(0, 2000),
      actor_id: scope.actor.id,
      actor_label: scope.actor.label,
      event_id: emitted.id,
      data: JSON.stringify({ changes }),
    })
    .execute();
}

/** The tenant's "create in stock" policy: an asset named after the host, in the chassis's category. */
async function createInStock(
  scope: TenantScope,
  device: { facts_hash: string | null },
  facts: DeviceFacts,
  serial: string | null,
) {
  if (device.facts_hash !== null) return null; // decided at the first check-in; staff review since
  const settings = await agentSettings(scope.db, scope.tenantId);
  if (settings.unknownDevices !== "create_in_stock") return null;
  const category = await categoryForChassis(scope.db, scope.tenantId, facts.hardware?.chassisType);
  if (!category) return null; // no fitting category: it waits in the review queue
  const asset = await createAsset(scope, {
    name: facts.hostname.slice(0, 200),
    serial: serial && serial.length <= 128 ? serial : undefined,
    categoryId: category.id,
    customFields: {},
  });
  return { asset: { id: asset.id, tag: asset.tag }, via: "created" as const };
}
