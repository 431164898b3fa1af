import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { z } from "zod";
import type { TenantScope } from "../../context";
import { AppError } from "../../errors";
import { emit } from "../../events/emit";
import { newDeviceCredential } from "../credentials";
import { agentActor } from "../link";
import { usableSerial } from "../matching";
import type { EnrollDevice } from "../payload";
import { CHECK_IN_INTERVAL_SECONDS } from "./check-in";

/**
 * Exchanges an enrollment token for a device credential (shown once, stored hashed). The token row
 * is locked and checked again, so a token revoked a moment ago enrolls nothing. The device waits
 * for its first check-in to be matched to an asset.
 */
export async function enrollDevice(
  scope: Omit<TenantScope, "actor">,
  tokenId: string,
  device: z.infer<typeof EnrollDevice>,
) {
  const token = await scope.db
    .selectFrom("agent_enrollment_tokens")
    .select(["id", "name"])
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", tokenId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", sql<Date>`now()`)
    .forUpdate()
    .executeTakeFirst();
  if (!token) throw new AppError("UNAUTHORIZED", "This enrollment token was revoked or has expired.");
  const deviceId = randomUUID();
  const { credential, hash } = newDeviceCredential();
  await scope.db
    .insertInto("agent_devices")
    .values({
      id: deviceId,
      tenant_id: scope.tenantId,
      enrollment_token_id: token.id,
      hostname: device.hostname,
      serial: usableSerial(device.serial),
      os: device.os ?? null,
      credential_hash: hash,
    })
    .execute();
  await scope.db
    .updateTable("agent_enrollment_tokens")
    .set((eb) => ({ uses: eb("uses", "+", 1), last_used_at: sql`now()` }))
    .where("id", "=", token.id)
    .execute();
  await emit(
    { ...scope, actor: agentActor(deviceId, device.hostname) },
    {
      name: "agent.device_enrolled",
      entityId: deviceId,
      data: { hostname: device.hostname, tokenId: token.id, tokenName: token.name },
    },
  );
  return { deviceId, credential, checkInIntervalSeconds: CHECK_IN_INTERVAL_SECONDS };
}
