import { takeCheckInSlot } from "../../agent/http";
import { agentActor } from "../../agent/link";
import type { CheckIn } from "../../agent/payload";
import { type CheckInResult, checkIn } from "../../agent/services/check-in";
import { enrollDevice } from "../../agent/services/enroll-device";
import type { TenantScope } from "../../context";
import { AppError } from "../../errors";

/**
 * An inventory from a stock OCS agent: its DEVICEID finds the device it enrolled as the first
 * time (enrolling it now with the token it authenticated with, if this is the first time), then
 * the inventory is one check-in like our own agent's: the same matching, change detection and
 * software diff. A device an admin revoked stays revoked: its inventories are refused.
 */
export async function receiveOcsInventory(
  scope: Omit<TenantScope, "actor">,
  input: { tokenId: string; ocsDeviceId: string; payload: CheckIn; ip: string | null },
): Promise<CheckInResult> {
  const { payload } = input;
  let device = await scope.db
    .selectFrom("agent_devices")
    .select(["id", "revoked_at"])
    .where("tenant_id", "=", scope.tenantId)
    .where("ocs_device_id", "=", input.ocsDeviceId)
    .executeTakeFirst();
  if (!device) {
    const enrolled = await enrollDevice(scope, input.tokenId, {
      hostname: payload.hostname,
      serial: payload.hardware?.serial,
      os: payload.os?.name,
    });
    await scope.db
      .updateTable("agent_devices")
      .set({ ocs_device_id: input.ocsDeviceId })
      .where("tenant_id", "=", scope.tenantId)
      .where("id", "=", enrolled.deviceId)
      .execute();
    device = { id: enrolled.deviceId, revoked_at: null };
  }
  if (device.revoked_at) {
    throw new AppError(
      "FORBIDDEN",
      "This device was revoked in Settings -> Agent; enroll it again with a new DEVICEID or ask an admin.",
    );
  }
  await takeCheckInSlot(scope.db, scope.tenantId, device.id);
  return checkIn({ ...scope, actor: agentActor(device.id, payload.hostname) }, device.id, payload, {
    ip: input.ip,
  });
}
