import { sql } from "kysely";
import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { newDeviceCredential } from "../credentials";
import { agentActor } from "../link";
import { lockDevice } from "../queries";

/**
 * A new credential for a device (asked by the device itself, or by an admin who then puts it in
 * the device's agent.json): the old one stops working when this commits.
 */
export async function rotateDeviceCredential(scope: TenantScope, deviceId: string, by: "device" | "admin") {
  const device = await lockDevice(scope.db, scope.tenantId, deviceId);
  if (device.revoked_at) throw new AppError("CONFLICT", `${device.hostname} is revoked: enroll it again.`);
  const { credential, hash } = newDeviceCredential();
  await scope.db
    .updateTable("agent_devices")
    .set({ credential_hash: hash, credential_rotated_at: sql`now()` })
    .where("id", "=", device.id)
    .execute();
  const actor = by === "device" ? agentActor(device.id, device.hostname) : scope.actor;
  await emit(
    { ...scope, actor },
    { name: "agent.credential_rotated", entityId: device.id, data: { hostname: device.hostname, by } },
  );
  return { deviceId: device.id, credential };
}
