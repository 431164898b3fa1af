import { sql } from "kysely";
import type { TenantScope } from "../../context";
import { emit } from "../../events/emit";
import { lockDevice } from "../queries";

/** Revokes a device: its credential stops working at once; its asset and history stay. */
export async function revokeDevice(scope: TenantScope, deviceId: string) {
  const device = await lockDevice(scope.db, scope.tenantId, deviceId);
  if (device.revoked_at) return { id: device.id, revokedAt: device.revoked_at };
  const row = await scope.db
    .updateTable("agent_devices")
    .set({ revoked_at: sql`now()` })
    .where("id", "=", device.id)
    .returning(["id", "revoked_at"])
    .executeTakeFirstOrThrow();
  await emit(scope, {
    name: "agent.device_revoked",
    entityId: device.id,
    data: { hostname: device.hostname },
  });
  return { id: row.id, revokedAt: row.revoked_at };
}
