import { sql } from "kysely";
import { getDb, inBackground, withTenant } from "../db";
import { logger } from "../logger";
import { onRequestsDone } from "../shutdown";
import { RATE, type RateBucket, rateLimited } from "./http";
import { type DeviceSeenInput, type PresenceWrite, writeDevicePresence } from "./queries";

/**
 * Write-behind presence (issue 16), as Fleet keeps the hosts it has seen in memory and writes them
 * every second: a check-in that changes nothing is answered as soon as this process has decided
 * it, and its last seen, address, user and rate-limit bucket are written later, with those of the
 * other check-ins of its tenant, in one statement (writeDevicePresence).
 *
 * - The rate limit is decided here, per device: a token bucket starting from the one the
 *   credential's lookup read (the last one written) or, when newer, the one this process last
 *   took a slot from and may not have written yet. Several replicas each enforce the bucket on
 *   what they have seen: a device whose check-ins go to two replicas in turn can get up to a burst
 *   from each until their writes (every half second) reach the other's next lookup. A replica that
 *   restarts starts from the written buckets.
 * - The buffer holds one write per device (the newest), so it is never larger than the devices
 *   that check in. It is written every FLUSH_MS, or at once past MAX_BUFFERED devices; one
 *   statement per tenant and per MAX_STATEMENT devices, committed asynchronously
 *   (synchronous_commit off). A write that fails is logged and its devices go back in the buffer,
 *   unless a newer check-in of theirs is there already, for the next flush to retry.
 * - The times written are this process's clock when the check-in was answered, not the database's
 *   at the write, so a row written half a second later still says when its device was seen.
 * - What is lost in a crash is the last half second of last-seen times and slots, which the devices
 *   send again at their next check-in; never a change, its history or its event, which a check-in
 *   that changed commits durably in its own transaction before it is answered
 *   (recordCheckInChanges). An orderly shutdown writes the buffer once the last request is done
 *   (server/shutdown.ts onRequestsDone).
 */
const FLUSH_MS = 500;
const MAX_BUFFERED = 2_000;
const MAX_STATEMENT = 1_000;

/** Writes one tenant's presence rows; the default opens the tenant's transaction on the pool. */
export type PresenceWriter = (tenantId: string, writes: PresenceWrite[]) => Promise<void>;

/** The tenant's presence rows in one asynchronously committed transaction. */
export const writePresenceAsync: PresenceWriter = async (tenantId, writes) =>
  withTenant(await getDb(), tenantId, async (trx) => {
    await sql`select set_config('synchronous_commit', 'off', true)`.execute(trx);
    await writeDevicePresence(trx, tenantId, writes);
  });

/** The level of `bucket` at `now`: its tokens plus what has refilled since, at most a burst. */
const levelOf = (bucket: RateBucket | null, now: number) =>
  bucket ? Math.min(RATE.burst, bucket.tokens + (now - bucket.at) / 1000 / RATE.perSeconds) : RATE.burst;

/** After this long a bucket is full again whatever it held, and this process may forget it. */
const REFILL_MS = RATE.burst * RATE.perSeconds * 1000;

export class DevicePresence {
  /** Per tenant, per device: the newest presence not yet written. */
  private buffer = new Map<string, Map<string, PresenceWrite>>();
  private buffered = 0;
  /** Per device: the bucket this process last took a slot from, written or not. */
  private readonly buckets = new Map<string, RateBucket>();
  private timer: NodeJS.Timeout | null = null;
  private soon = false;
  /** The flush being written, which the next one waits for. */
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: PresenceWriter = writePresenceAsync,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * A check-in of `device`: takes a slot of its bucket (`stored` is the bucket its lookup read) or
   * throws the 429 of a device past it, then buffers its presence. Nothing waits for the database.
   */
  see(tenantId: string, stored: RateBucket | null, device: DeviceSeenInput): void {
    const now = this.clock();
    const taken = this.buckets.get(device.id);
    const level = levelOf(taken && (!stored || taken.at > stored.at) ? taken : stored, now);
    // the seconds until a whole slot, rounded up (a float's last bit does not make it a second more)
    if (level < 1) throw rateLimited(Math.ceil((1 - level) * RATE.perSeconds - 1e-9));
    const bucket = { tokens: level - 1, at: now };
    this.buckets.set(device.id, bucket);
    this.keep(tenantId, { ...device, seenAt: now, bucket });
  }

  /**
   * Writes everything buffered before the call (after the flush in progress, if any). Rejects with
   * the first failed write once the failed devices are back in the buffer.
   */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const next = this.flushing.catch(() => undefined).then(() => this.writeBuffer());
    this.flushing = next;
    return next;
  }

  private keep(tenantId: string, write: PresenceWrite): void {
    let devices = this.buffer.get(tenantId);
    if (!devices) {
      devices = new Map();
      this.buffer.set(tenantId, devices);
    }
    if (!devices.has(write.id)) this.buffered++;
    devices.set(write.id, write);
    this.schedule();
  }

  /** A flush in FLUSH_MS, or on the next turn of the event loop once the buffer is large. */
  private schedule(): void {
    if (this.buffered >= MAX_BUFFERED && !this.soon) {
      this.soon = true;
      setImmediate(() => {
        this.soon = false;
        this.flushInBackground();
      });
    } else if (this.buffered > 0 && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flushInBackground();
      }, FLUSH_MS);
      this.timer.unref();
    }
  }

  /**
   * Nobody waits for a timed flush: it runs as background work (after people's requests on the
   * embedded database), not as the check-in whose timer it was.
   */
  private flushInBackground(): void {
    inBackground(() => this.flush()).catch((error) =>
      logger.error("agent presence: a write failed; its devices are written with the next flush", { error }),
    );
  }

  private async writeBuffer(): Promise<void> {
    const tenants = this.buffer;
    this.buffer = new Map();
    this.buffered = 0;
    const failures: unknown[] = [];
    for (const [tenantId, devices] of tenants) {
      const writes = [...devices.values()];
      for (let start = 0; start < writes.length; start += MAX_STATEMENT) {
        const part = writes.slice(start, start + MAX_STATEMENT);
        try {
          await this.write(tenantId, part);
        } catch (error) {
          failures.push(error);
          for (const write of part) {
            // a check-in buffered while this one was written is newer: it wins
            if (!this.buffer.get(tenantId)?.has(write.id)) this.keep(tenantId, write);
          }
        }
      }
    }
    const now = this.clock();
    for (const [deviceId, bucket] of this.buckets) {
      if (now - bucket.at >= REFILL_MS) this.buckets.delete(deviceId);
    }
    if (failures.length > 0) throw failures[0];
  }
}

// On globalThis: Next.js may bundle this module once per route, and a process has one buffer (and
// one view of its devices' buckets), written once at shutdown.
const holder = globalThis as { __assetronicsDevicePresence?: DevicePresence };

/** This process's presence buffer, registered to be written when the process shuts down. */
export function devicePresence(): DevicePresence {
  if (!holder.__assetronicsDevicePresence) {
    const presence = new DevicePresence();
    holder.__assetronicsDevicePresence = presence;
    onRequestsDone(() => presence.flush());
  }
  return holder.__assetronicsDevicePresence;
}

/** Writes this process's buffered presence now (tests, and anything that reads presence right after). */
export const flushDevicePresence = (): Promise<void> => devicePresence().flush();
