import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openMemoryDatabase } from "./index";
import { maintainTables, startTableMaintenance, tablesNeedingCare } from "./pglite-maintenance";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openMemoryDatabase();
  await sql`create table care_probe (id int primary key, label text)`.execute(handle.db);
}, 60_000);
afterAll(() => handle.close());

const estimate = async () => {
  const { rows } = await sql<{ reltuples: number }>`
    select reltuples from pg_class where relname = 'care_probe'`.execute(handle.db);
  return Number(rows[0]?.reltuples);
};
const careOf = async () => (await tablesNeedingCare(handle.db)).find((t) => t.table === "care_probe");

describe("table maintenance on the embedded database (its missing autovacuum)", () => {
  it("analyzes a table that grew, so the planner knows its size", async () => {
    await sql`insert into care_probe select g, 'row ' || g from generate_series(1, 5000) g`.execute(
      handle.db,
    );
    expect(await estimate()).toBeLessThan(1); // never analyzed: the planner guesses
    expect(await careOf()).toEqual({ table: "care_probe", vacuum: false, analyze: true });

    const done = await maintainTables(handle.db);
    expect(done.map((t) => t.table)).toContain("care_probe");
    expect(await estimate()).toBe(5000);
    expect(await careOf()).toBeUndefined();
  });

  it("leaves a table alone while its changes stay under the threshold (50 rows + 10 %)", async () => {
    await sql`update care_probe set label = 'changed' where id <= 300`.execute(handle.db);
    expect(await careOf()).toBeUndefined();
  });

  it("vacuums a table once a fifth of it is dead rows, and analyzes it in the same pass", async () => {
    await sql`delete from care_probe where id > 2000`.execute(handle.db);
    expect(await careOf()).toEqual({ table: "care_probe", vacuum: true, analyze: true });
    await maintainTables(handle.db);
    const { rows } = await sql<{ dead: number }>`
      select n_dead_tup as dead from pg_stat_user_tables where relname = 'care_probe'`.execute(handle.db);
    expect(Number(rows[0]?.dead)).toBe(0);
    expect(await estimate()).toBe(2000);
  });

  it("samples a tenth of the default rows, so a large table's analyze holds the connection briefly", async () => {
    await sql`create table sample_probe (id int primary key, kind int)`.execute(handle.db);
    await sql`insert into sample_probe select g, g % 1000 from generate_series(1, 50000) g`.execute(
      handle.db,
    );
    await maintainTables(handle.db);
    // one histogram bound more than buckets: 11 with a target of 10, 101 with the default 100
    const { rows } = await sql<{ bounds: number }>`
      select array_length(histogram_bounds::text::text[], 1) as bounds
        from pg_stats where tablename = 'sample_probe' and attname = 'id'`.execute(handle.db);
    expect(rows[0]?.bounds).toBe(11);
    expect(await careOf()).toBeUndefined();
  });

  it("runs on its own timer and reports what it did", async () => {
    await sql`insert into care_probe select g, 'again' from generate_series(10001, 13000) g`.execute(
      handle.db,
    );
    const reported = new Promise<string[]>((resolve, reject) => {
      const maintenance = startTableMaintenance(handle.db, {
        intervalMs: 10,
        onError: reject,
        onDone: (done) => {
          void maintenance.stop().then(() => resolve(done.map((t) => t.table)));
        },
      });
    });
    expect(await reported).toContain("care_probe");
    expect(await estimate()).toBe(5000);
  });
});
