import { getDb, withTenant } from "../../db";
import type { AgentCaller } from "../credentials";
import { agentActor } from "../link";
import type { CheckIn } from "../payload";
import { type DevicePresence, devicePresence } from "../presence";
import {
  type CheckInResult,
  checkInResult,
  detailedOf,
  digestOf,
  isUnchanged,
  lastUserOf,
  recordCheckInChanges,
} from "./check-in";

/**
 * A check-in on the agent's route. The credential's lookup read everything it is decided by (a
 * revoked device was refused there with a 401): its rate-limit slot is taken in this process (a
 * 429 past its bucket) and its last seen buffered, to be written with those of other check-ins
 * (presence.ts). So the common check-in, one that changes nothing, is answered without waiting
 * for any write, and without an event: the tenant's event-chain lock is never taken for it. Its
 * hashes are computed without the packages' version keys, which only a check-in that changed
 * needs. A check-in whose facts or software differ records its changes in a transaction of its
 * own (recordCheckInChanges: history and events, as for one device), committed before it is
 * answered; its presence goes through the buffer too.
 */
export async function receiveCheckIn(
  caller: AgentCaller,
  payload: CheckIn,
  context: { ip: string | null; requestId: string },
  presence: DevicePresence = devicePresence(),
): Promise<CheckInResult> {
  presence.see(caller.tenantId, caller.bucket, {
    id: caller.deviceId,
    ip: context.ip,
    user: lastUserOf(payload),
  });
  const reported = digestOf(payload);
  if (isUnchanged({ facts_hash: caller.factsHash, software_hash: caller.softwareHash }, reported)) {
    return checkInResult(caller.deviceId, caller.assetId, false);
  }
  return withTenant(await getDb(), caller.tenantId, (trx) =>
    recordCheckInChanges(
      {
        db: trx,
        tenantId: caller.tenantId,
        actor: agentActor(caller.deviceId, payload.hostname),
        requestId: context.requestId,
        cause: null,
      },
      caller.deviceId,
      detailedOf(reported),
    ),
  );
}
