import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { completionWriter } from "@/inngest/engine/completions";
import { PLATFORM_TENANT_ID } from "@/server/context";
import { type Db, withPlatform } from "@/server/db";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

async function insertRun(lockedBy: string, status = "running"): Promise<string> {
  const event = { id: `completion-${randomUUID()}`, name: "test/completion", data: {}, ts: 0 };
  const row = await withPlatform(db, (trx) =>
    trx
      .insertInto("automation_runs")
      .values({
        tenant_id: PLATFORM_TENANT_ID,
        function_id: "completions-test",
        trigger_event_id: event.id,
        trigger_event_name: event.name,
        trigger_event: JSON.stringify(event),
        status,
        max_attempts: 1,
        started_at: sql<Date>`now()`,
        locked_by: lockedBy,
        locked_until: sql<Date>`now() + interval '1 minute'`,
      })
      .returning("id")
      .executeTakeFirstOrThrow(),
  );
  return row.id;
}

const runsOf = (ids: string[]) =>
  withPlatform(db, (trx) =>
    trx
      .selectFrom("automation_runs")
      .select(["id", "status", "output", "locked_by", "locked_until", "finished_at"])
      .where("id", "in", ids)
      .execute(),
  ).then((rows) => new Map(rows.map((row) => [row.id, row])));

it("completes runs finishing together in shared writes, each with its own output", async () => {
  const worker = `worker-${randomUUID()}`;
  const writer = completionWriter(db, worker);
  const ids = await Promise.all(Array.from({ length: 20 }, () => insertRun(worker)));
  const held = await Promise.all(ids.map((id, i) => writer.complete(id, { n: i, text: `it's "${i}"` })));
  expect(held).toEqual(ids.map(() => true));
  const runs = await runsOf(ids);
  ids.forEach((id, i) => {
    expect(runs.get(id)).toMatchObject({
      status: "completed",
      output: { n: i, text: `it's "${i}"` },
      locked_by: null,
      locked_until: null,
    });
    expect(runs.get(id)?.finished_at).toBeInstanceOf(Date);
  });
});

it("leaves a run another worker took over, or that already ended, as it is and says so", async () => {
  const worker = `worker-${randomUUID()}`;
  const writer = completionWriter(db, worker);
  const mine = await insertRun(worker);
  const takenOver = await insertRun(`other-${randomUUID()}`);
  const cancelled = await insertRun(worker, "cancelled");
  const [a, b, c] = await Promise.all([
    writer.complete(mine, "done"),
    writer.complete(takenOver, "stale"),
    writer.complete(cancelled, "late"),
  ]);
  expect([a, b, c]).toEqual([true, false, false]);
  const runs = await runsOf([mine, takenOver, cancelled]);
  expect(runs.get(mine)).toMatchObject({ status: "completed", output: "done" });
  expect(runs.get(takenOver)).toMatchObject({ status: "running", output: null });
  expect(runs.get(cancelled)).toMatchObject({ status: "cancelled", output: null });
});

it("a write that fails rejects its completions and the next ones are still written", async () => {
  const worker = `worker-${randomUUID()}`;
  const writer = completionWriter(db, worker);
  const id = await insertRun(worker);
  // not a uuid: the statement fails as a whole
  await expect(writer.complete("not-a-run-id", null)).rejects.toThrow();
  await expect(writer.complete(id, 1)).resolves.toBe(true);
  expect((await runsOf([id])).get(id)).toMatchObject({ status: "completed", output: 1 });
});
