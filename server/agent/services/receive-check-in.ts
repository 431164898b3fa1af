import { sql } from "kysely";
import { type Db, getDb, withTenant } from "../../db";
import { AppError } from "../../errors";
import type { AgentCaller } from "../credentials";
import { GroupCommit } from "../group-commit";
import { RATE, rateLimited } from "../http";
import { agentActor } from "../link";
import type { CheckIn } from "../payload";
import { type DeviceSeen, type DeviceSeenInput, markDevicesSeen } from "../queries";
import {
  type CheckInResult,
  checkInResult,
  isUnchanged,
  lastUserOf,
  recordCheckInChanges,
  reportedOf,
} from "./check-in";

/**
 * The last-seen writes of the check-ins in flight, grouped per tenant: one statement and one
 * commit for every check-in that arrived while the previous group was written (group-commit.ts).
 * The group commits asynchronously (synchronous_commit off, for this transaction only): it does
 * not wait for the WAL to reach the disk, which on a busy disk is most of a commit's time. A crash
 * can lose the last fraction of a second of last-seen times and rate-limit slots, which the
 * devices send again at their next check-in; never a change, its history or its event, which
 * commit durably in their own transaction (recordCheckInChanges), nor the database's consistency.
 */
export function writeSeenGroup(db: Db, tenantId: string, devices: DeviceSeenInput[]) {
  return withTenant(db, tenantId, async (trx) => {
    await sql`select set_config('synchronous_commit', 'off', true)`.execute(trx);
    return markDevicesSeen(trx, tenantId, devices, RATE);
  });
}

const seenGroups = new GroupCommit<DeviceSeenInput, DeviceSeen>(async (tenantId, devices) =>
  writeSeenGroup(await getDb(), tenantId, devices),
);

/**
 * A check-in on the agent's route. Its rate-limit slot and last seen are written with those of
 * the other check-ins in flight (group commit), so the common check-in, one that changes nothing,
 * shares its round trips and its commit and writes no event: the tenant's event-chain lock is
 * never taken for it. A check-in whose facts or software differ then records its changes in a
 * transaction of its own (recordCheckInChanges: history and events, as for one device). Past its
 * bucket a device gets a 429; a revoked device a 401.
 */
export async function receiveCheckIn(
  caller: AgentCaller,
  payload: CheckIn,
  context: { ip: string | null; requestId: string },
): Promise<CheckInResult> {
  const reported = reportedOf(payload);
  const seen = await seenGroups.submit(caller.tenantId, {
    id: caller.deviceId,
    ip: context.ip,
    user: lastUserOf(payload),
  });
  if (seen.status === "revoked")
    throw new AppError("UNAUTHORIZED", "This device was revoked: enroll it again.");
  if (seen.status === "rate_limited") throw rateLimited(seen.waitSeconds);
  if (isUnchanged({ facts_hash: seen.factsHash, software_hash: seen.softwareHash }, reported)) {
    return checkInResult(caller.deviceId, seen.assetId, false);
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
      reported,
    ),
  );
}
