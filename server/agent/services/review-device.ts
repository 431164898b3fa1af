import { createAsset } from "../../assets/services/create-asset";
import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { type DeviceFacts, trackedFacts } from "../facts";
import { linkDevice, pendingSoftwareOf } from "../link";
import { lockDevice } from "../queries";
import { AcceptDeviceInput, LinkDeviceInput } from "../schemas";

async function pendingDevice(scope: TenantScope, deviceId: string) {
  const device = await lockDevice(scope.db, scope.tenantId, deviceId);
  if (device.revoked_at) throw new AppError("CONFLICT", `${device.hostname} is revoked: nothing to review.`);
  if (device.status === "linked") {
    throw new AppError("CONFLICT", `${device.hostname} is already linked to an asset.`);
  }
  return device;
}

/**
 * "Accept as asset": registers the discovered device as a new in-stock asset (named after the host
 * unless renamed, with its serial and the category chosen) and links it, software included.
 */
export async function acceptDevice(scope: TenantScope, raw: AcceptDeviceInput) {
  const input = AcceptDeviceInput.parse(raw);
  const device = await pendingDevice(scope, input.deviceId);
  const facts = trackedFacts(device.facts_hash ? (device.facts as DeviceFacts) : null);
  const notes = [facts.vendor, facts.model, facts.cpu, facts.memory, facts.os].filter(Boolean).join(" · ");
  const asset = await createAsset(scope, {
    name: input.name ?? device.hostname.slice(0, 200),
    serial: device.serial && device.serial.length <= 128 ? device.serial : undefined,
    categoryId: input.categoryId,
    notes: notes ? `Discovered by the agent: ${notes}`.slice(0, 2000) : undefined,
    customFields: {},
  });
  await linkDevice(
    scope,
    device,
    { id: asset.id, tag: asset.tag },
    "accepted",
    pendingSoftwareOf(device.pending_software) ?? [],
  );
  return { deviceId: device.id, assetId: asset.id, tag: asset.tag };
}

/** "Link to existing asset": the device is that asset (staff know better than the matcher). */
export async function linkDeviceToAsset(scope: TenantScope, raw: LinkDeviceInput) {
  const input = LinkDeviceInput.parse(raw);
  const device = await pendingDevice(scope, input.deviceId);
  const asset = await scope.db
    .selectFrom("assets")
    .select(["id", "tag"])
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", input.assetId)
    .executeTakeFirst();
  if (!asset) throw new AppError("NOT_FOUND", "That asset does not exist.", { field: "assetId" });
  await linkDevice(scope, device, asset, "manual", pendingSoftwareOf(device.pending_software) ?? []);
  return { deviceId: device.id, assetId: asset.id, tag: asset.tag };
}

/** "Ignore": the device keeps checking in but leaves the queue and is never matched or created. */
export async function ignoreDevice(scope: TenantScope, deviceId: string) {
  const device = await pendingDevice(scope, deviceId);
  if (device.status === "ignored") return { deviceId: device.id };
  await scope.db
    .updateTable("agent_devices")
    .set({ status: "ignored", pending_software: null })
    .where("id", "=", device.id)
    .execute();
  await emit(scope, {
    name: "agent.device_ignored",
    entityId: device.id,
    data: { hostname: device.hostname },
  });
  return { deviceId: device.id };
}
