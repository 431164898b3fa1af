import { sql } from "kysely";
import type { Executor } from "../db";
import { AppError } from "../errors";
import { normalizeName } from "../reference/names/normalize";
import { chassisCategories, type DeviceFacts, trackedFacts } from "./facts";
import { RATE, type RateBucket } from "./http";
import type { ChassisType } from "./payload";
import type { AgentSettings, SoftwareSearchInput } from "./schemas";
import { daysSince, staleDevice } from "./stale";
import { versionKey } from "./version-key";

export async function agentSettings(db: Executor, tenantId: string): Promise<AgentSettings> {
  const row = await db
    .selectFrom("tenants")
    .select(["agent_unknown_devices", "agent_stale_days"])
    .where("id", "=", tenantId)
    .executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", "Your organization no longer exists.");
  return {
    unknownDevices: row.agent_unknown_devices === "create_in_stock" ? "create_in_stock" : "review",
    staleDays: row.agent_stale_days,
  };
}

export async function listEnrollmentTokens(db: Executor, tenantId: string) {
  const rows = await db
    .selectFrom("agent_enrollment_tokens as t")
    .leftJoin("users as u", "u.id", "t.created_by")
    .select([
      "t.id",
      "t.name",
      "t.token_prefix",
      "t.expires_at",
      "t.revoked_at",
      "t.uses",
      "t.last_used_at",
      "t.created_at",
      "u.name as created_by",
    ])
    .where("t.tenant_id", "=", tenantId)
    .orderBy("t.created_at", "desc")
    .limit(200)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.token_prefix,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    uses: row.uses,
    lastUsedAt: row.last_used_at,
    createdAt: row.created_at,
    createdBy: row.created_by,
  }));
}

export async function listDevices(db: Executor, tenantId: string, status?: string) {
  let query = db
    .selectFrom("agent_devices as d")
    .leftJoin("assets as a", "a.id", "d.asset_id")
    .leftJoin("agent_device_presence as p", "p.device_id", "d.id")
    .select([
      "d.id",
      "d.hostname",
      "d.serial",
      "d.os",
      "d.status",
      "d.asset_id",
      "a.tag as asset_tag",
      "d.agent_version",
      "p.last_seen_at",
      "p.last_ip",
      "p.last_user",
      "d.revoked_at",
      staleDevice.as("stale"),
    ])
    .where("d.tenant_id", "=", tenantId);
  if (status) query = query.where("d.status", "=", status);
  const rows = await query
    .orderBy(sql`d.revoked_at is not null`)
    .orderBy("p.last_seen_at", (ob) => ob.desc().nullsLast())
    .limit(500)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    hostname: row.hostname,
    serial: row.serial,
    os: row.os,
    status: row.status as "pending_review" | "linked" | "ignored",
    assetId: row.asset_id,
    assetTag: row.asset_tag,
    agentVersion: row.agent_version,
    lastSeenAt: row.last_seen_at,
    lastIp: row.last_ip,
    lastUser: row.last_user,
    revokedAt: row.revoked_at,
    stale: row.stale,
  }));
}

export async function deviceCounts(db: Executor, tenantId: string) {
  const row = await db
    .selectFrom("agent_devices as d")
    .leftJoin("agent_device_presence as p", "p.device_id", "d.id")
    .select([
      sql<number>`count(*) filter (where ${staleDevice})::int`.as("stale"),
      sql<number>`count(*) filter (where d.status = 'pending_review' and d.revoked_at is null)::int`.as(
        "pending",
      ),
    ])
    .where("d.tenant_id", "=", tenantId)
    .executeTakeFirstOrThrow();
  return { staleCount: row.stale, pendingCount: row.pending };
}

/** The tenant's category a chassis type suggests, if it has one (by normalized name, first candidate wins). */
export async function categoryForChassis(
  db: Executor,
  tenantId: string,
  chassis: ChassisType | null | undefined,
): Promise<{ id: string; name: string } | null> {
  const names = chassisCategories[chassis ?? "other"].map(normalizeName);
  const rows = await db
    .selectFrom("categories")
    .select(["id", "name", "normalized_name"])
    .where("tenant_id", "=", tenantId)
    .where("archived_at", "is", null)
    .where("normalized_name", "in", names)
    .execute();
  rows.sort((a, b) => names.indexOf(a.normalized_name) - names.indexOf(b.normalized_name));
  return rows[0] ? { id: rows[0].id, name: rows[0].name } : null;
}

export async function discoveredDevices(db: Executor, tenantId: string) {
  const rows = await db
    .selectFrom("agent_devices as d")
    .leftJoin("agent_device_presence as p", "p.device_id", "d.id")
    .select([
      "d.id",
      "d.hostname",
      "d.serial",
      "d.macs",
      "d.facts",
      "d.software_count",
      "p.last_seen_at",
      "p.last_user",
    ])
    .where("d.tenant_id", "=", tenantId)
    .where("d.status", "=", "pending_review")
    .where("d.revoked_at", "is", null)
    .orderBy("p.last_seen_at", (ob) => ob.desc().nullsLast())
    .limit(500)
    .execute();
  const suggestions = new Map<string, string | null>();
  const result = [];
  for (const row of rows) {
    const facts = (row.facts ?? {}) as Partial<DeviceFacts>;
    const tracked = trackedFacts(facts.hostname ? (facts as DeviceFacts) : null);
    const chassis = facts.hardware?.chassisType ?? "other";
    if (!suggestions.has(chassis)) {
      suggestions.set(chassis, (await categoryForChassis(db, tenantId, chassis))?.id ?? null);
    }
    result.push({
      id: row.id,
      hostname: row.hostname,
      serial: row.serial,
      vendor: tracked.vendor ?? null,
      model: tracked.model ?? null,
      chassisType: facts.hardware?.chassisType ?? null,
      cpu: tracked.cpu ?? null,
      memory: tracked.memory ?? null,
      os: tracked.os ?? null,
      macs: row.macs,
      softwareCount: row.software_count,
      lastSeenAt: row.last_seen_at,
      lastUser: row.last_user,
      suggestedCategoryId: suggestions.get(chassis) ?? null,
    });
  }
  return result;
}

/**
 * The employee a device's last user points to: the one active employee whose work email starts
 * with that username ("alice" -> alice@acme.test). Two or none -> no suggestion.
 */
export async function employeeForUsername(db: Executor, tenantId: string, username: string | null) {
  const user = username?.trim().toLowerCase().replace(/^.*\\/, "");
  if (!user || !/^[a-z0-9._-]+$/.test(user)) return null;
  const rows = await db
    .selectFrom("employees")
    .select(["id", "display_name"])
    .where("tenant_id", "=", tenantId)
    .where("status", "!=", "terminated")
    .where("work_email", "like", `${user.replace(/[_%]/g, "\\$&")}@%`)
    .limit(2)
    .execute();
  return rows.length === 1 && rows[0] ? { id: rows[0].id, name: rows[0].display_name ?? "" } : null;
}

export async function assetAgentView(db: Executor, tenantId: string, assetId: string) {
  const asset = await db
    .selectFrom("assets")
    .select(["id", "employee_id"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", assetId)
    .executeTakeFirst();
  if (!asset) throw new AppError("NOT_FOUND", "This asset does not exist or was deleted.");
  const device = await db
    .selectFrom("agent_devices as d")
    .leftJoin("agent_device_presence as p", "p.device_id", "d.id")
    .select([
      "d.id",
      "d.hostname",
      "d.agent_version",
      "p.last_seen_at",
      "p.last_ip",
      "p.last_user",
      "d.facts",
      staleDevice.as("stale"),
      daysSince(sql.ref("p.last_seen_at")).as("days_unseen"),
    ])
    .where("d.tenant_id", "=", tenantId)
    .where("d.asset_id", "=", assetId)
    .where("d.revoked_at", "is", null)
    .executeTakeFirst();
  const software = await db
    .selectFrom("asset_software")
    .select(sql<number>`count(*)::int`.as("count"))
    .where("tenant_id", "=", tenantId)
    .where("asset_id", "=", assetId)
    .executeTakeFirstOrThrow();
  const facts = (device?.facts ?? null) as DeviceFacts | null;
  return {
    device: device
      ? {
          id: device.id,
          hostname: device.hostname,
          agentVersion: device.agent_version,
          lastSeenAt: device.last_seen_at,
          lastIp: device.last_ip,
          lastUser: device.last_user,
          stale: device.stale,
          daysUnseen: device.days_unseen,
          facts: trackedFacts(facts?.hostname ? facts : null),
          errors: facts?.errors ?? [],
        }
      : null,
    suggestedEmployee:
      device && !asset.employee_id ? await employeeForUsername(db, tenantId, device.last_user) : null,
    softwareCount: software.count,
  };
}

const likePrefix = (text: string) => `${text.toLowerCase().replace(/[\\_%]/g, "\\$&")}%`;

export async function assetSoftware(
  db: Executor,
  tenantId: string,
  input: { assetId: string; q?: string; limit: number },
) {
  let query = db
    .selectFrom("asset_software")
    .select(["name", "version", "publisher", "source"])
    .where("tenant_id", "=", tenantId)
    .where("asset_id", "=", input.assetId);
  if (input.q) query = query.where(sql`lower(name)`, "like", `%${likePrefix(input.q)}`);
  return query.orderBy(sql`lower(name)`).orderBy("source").limit(input.limit).execute();
}

/** "Which devices run zoom below 6.0": a name prefix, and a version range on the sortable key. */
export async function searchSoftware(db: Executor, tenantId: string, input: SoftwareSearchInput) {
  let query = db
    .selectFrom("asset_software as s")
    .innerJoin("assets as a", "a.id", "s.asset_id")
    .select(["s.asset_id", "a.tag", "a.name as asset_name", "s.name", "s.version", "s.source"])
    .where("s.tenant_id", "=", tenantId)
    .where(sql`lower(s.name)`, "like", likePrefix(input.name));
  if (input.below) query = query.where("s.version_key", "<", versionKey(input.below));
  if (input.atLeast) query = query.where("s.version_key", ">=", versionKey(input.atLeast));
  const rows = await query
    .orderBy(sql`lower(s.name)`)
    .orderBy("s.version_key")
    .orderBy("a.tag")
    .limit(input.limit)
    .execute();
  return rows.map((row) => ({
    assetId: row.asset_id,
    tag: row.tag,
    assetName: row.asset_name,
    name: row.name,
    version: row.version,
    source: row.source,
  }));
}

/** The device row, locked for the change about to be made to it. */
export async function lockDevice(db: Executor, tenantId: string, deviceId: string) {
  const device = await db
    .selectFrom("agent_devices")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", deviceId)
    .forUpdate()
    .executeTakeFirst();
  if (!device) throw new AppError("NOT_FOUND", "This device does not exist or was removed.");
  return device;
}

/** One device's check-in as its presence row records it: who it is and what it says besides its facts. */
export type DeviceSeenInput = { id: string; ip: string | null; user: string | null };

/** The start (UTC) of the transaction's day: agent_devices.last_seen_day of a device seen now. */
const today = sql<Date>`date_trunc('day', now(), 'UTC')`;

/**
 * A device's presence as the agent's route decided it, written later (server/agent/presence.ts):
 * when it was seen, from where and by whom, and its rate-limit bucket after that check-in.
 */
export type PresenceWrite = DeviceSeenInput & { seenAt: number; bucket: RateBucket };

/**
 * The presence of many devices of one tenant in one statement, each as its last check-in left it:
 * last seen, address, user and rate-limit bucket on the device's narrow presence row (migration
 * 0033), whose only index is its primary key, so the update is HOT: no index entry and no new
 * version of the wide device row. The wide row is written once a day per device (last_seen_day,
 * for the stale range), and a device's first check-in inserts its presence row.
 *
 * Written behind the check-ins, a write can arrive after a newer one (another replica's): a row
 * already seen later is left as it is. A device removed meanwhile is skipped, not an error that
 * would fail the other devices' writes again at every retry. The presence rows are locked in id
 * order (the insert's order), so two statements (two replicas) never wait on each other in a cycle.
 */
export async function writeDevicePresence(
  db: Executor,
  tenantId: string,
  writes: readonly PresenceWrite[],
): Promise<void> {
  const column = <T>(of: (write: PresenceWrite) => T) => writes.map(of);
  const time = (ms: number) => new Date(ms).toISOString();
  await sql`
    with input as (
      select * from unnest(${column((w) => w.id)}::uuid[], ${column((w) => time(w.seenAt))}::timestamptz[],
                           ${column((w) => w.ip)}::text[], ${column((w) => w.user)}::text[],
                           ${column((w) => w.bucket.tokens)}::real[],
                           ${column((w) => time(w.bucket.at))}::timestamptz[])
             as i(id, seen_at, ip, last_user, rate_tokens, rate_at)
       where exists (select 1 from agent_devices d where d.id = i.id and d.tenant_id = ${tenantId})
    ), seen as (
      insert into agent_device_presence as p
             (device_id, tenant_id, last_seen_at, last_ip, last_user, rate_tokens, rate_at)
      select id, ${tenantId}, seen_at, ip, last_user, rate_tokens, rate_at from input order by id
      on conflict (device_id) do update
         set last_seen_at = excluded.last_seen_at, last_ip = excluded.last_ip, last_user = excluded.last_user,
             rate_tokens = excluded.rate_tokens, rate_at = excluded.rate_at
       where p.last_seen_at <= excluded.last_seen_at
    )
    update agent_devices d set last_seen_day = date_trunc('day', input.seen_at, 'UTC')
      from input
     where d.id = input.id and d.tenant_id = ${tenantId}
       and (d.last_seen_day is null or d.last_seen_day < date_trunc('day', input.seen_at, 'UTC'))`.execute(
    db,
  );
}

/**
 * One device seen now (the OCS path: one check-in, one transaction): its presence row written
 * without touching its rate-limit bucket, its day moved on if it changed. The device's stored
 * hashes and asset, or null for a revoked or unknown device.
 */
export async function markDeviceSeen(
  db: Executor,
  tenantId: string,
  device: DeviceSeenInput,
): Promise<{ asset_id: string | null; facts_hash: string | null; software_hash: string | null } | null> {
  const row = await db
    .selectFrom("agent_devices")
    .select(["asset_id", "facts_hash", "software_hash"])
    .where("tenant_id", "=", tenantId)
    .where("id", "=", device.id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  await db
    .insertInto("agent_device_presence")
    .values({
      device_id: device.id,
      tenant_id: tenantId,
      last_seen_at: sql`now()`,
      last_ip: device.ip,
      last_user: device.user,
      rate_tokens: RATE.burst,
      rate_at: sql`clock_timestamp()`,
    })
    .onConflict((oc) =>
      oc.column("device_id").doUpdateSet((eb) => ({
        last_seen_at: eb.ref("excluded.last_seen_at"),
        last_ip: eb.ref("excluded.last_ip"),
        last_user: eb.ref("excluded.last_user"),
      })),
    )
    .execute();
  await db
    .updateTable("agent_devices")
    .set({ last_seen_day: today })
    .where("tenant_id", "=", tenantId)
    .where("id", "=", device.id)
    .where(sql<boolean>`last_seen_day is distinct from ${today}`)
    .execute();
  return row;
}
