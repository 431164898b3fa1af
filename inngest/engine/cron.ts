import { sql } from "kysely";
import { PLATFORM_TENANT_ID } from "@/server/context";
import { type Db, withPlatform } from "@/server/db";
import type { EngineFunction } from "./functions";
import { enqueueRuns, type TriggerEvent } from "./runs";
import { parseCron } from "./supported";

/** The event Inngest sends a cron-triggered function. */
const SCHEDULED_EVENT = "inngest/scheduled.timer";

export function nextFireTime(cron: string, after: Date): Date {
  return parseCron(cron, after).next().toDate();
}

/**
 * Makes automation_crons match the registry: a row per (function, cron) with its next fire time.
 * Existing rows keep their time (a restart neither skips nor repeats a fire); triggers that are
 * gone are dropped.
 */
export async function syncCronSchedules(db: Db, functions: readonly EngineFunction[]): Promise<void> {
  const now = new Date();
  const wanted = functions.flatMap((fn) =>
    fn.crons.map((cron) => ({ function_id: fn.id, cron, next_fire_at: nextFireTime(cron, now) })),
  );
  await withPlatform(db, async (trx) => {
    const existing = await trx.selectFrom("automation_crons").select(["function_id", "cron"]).execute();
    const stale = existing.filter(
      (row) => !wanted.some((item) => item.function_id === row.function_id && item.cron === row.cron),
    );
    for (const row of stale) {
      await trx
        .deleteFrom("automation_crons")
        .where("function_id", "=", row.function_id)
        .where("cron", "=", row.cron)
        .execute();
    }
    if (wanted.length > 0) {
      await trx
        .insertInto("automation_crons")
        .values(wanted)
        .onConflict((oc) => oc.columns(["function_id", "cron"]).doNothing())
        .execute();
    }
  });
}

/**
 * Starts a run for every due cron trigger and moves it to its next time. Fires missed while the
 * app was down collapse into one run (as with Inngest, crons are not back-filled). The run's event
 * id names the scheduled instant, so two replicas firing the same tick start one run.
 */
export async function fireDueCrons(db: Db, functions: readonly EngineFunction[]): Promise<number> {
  const byId = new Map(functions.map((fn) => [fn.id, fn]));
  return withPlatform(db, async (trx) => {
    const due = await trx
      .selectFrom("automation_crons")
      .selectAll()
      .where("next_fire_at", "<=", sql<Date>`now()`)
      .forUpdate()
      .skipLocked()
      .execute();
    let fired = 0;
    for (const row of due) {
      const fn = byId.get(row.function_id);
      if (!fn) continue;
      const scheduled = row.next_fire_at;
      const event: TriggerEvent = {
        id: `cron:${fn.id}:${row.cron}:${scheduled.toISOString()}`,
        name: SCHEDULED_EVENT,
        data: { cron: row.cron },
        ts: scheduled.getTime(),
      };
      fired += await enqueueRuns(trx, [fn], event, PLATFORM_TENANT_ID);
      const after = new Date(Math.max(Date.now(), scheduled.getTime()));
      await trx
        .updateTable("automation_crons")
        .set({ next_fire_at: nextFireTime(row.cron, after), last_fired_at: scheduled })
        .where("function_id", "=", row.function_id)
        .where("cron", "=", row.cron)
        .execute();
    }
    return fired;
  });
}
