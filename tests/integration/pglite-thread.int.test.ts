import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { type DatabaseHandle, openDatabase } from "@/db";

/**
 * The embedded database on its own thread (db/pglite-thread.ts): what the app relies on from
 * PGlite must come through the hop unchanged (rows and types, PostgreSQL's error fields,
 * transactions, notifications, data on disk), and a long statement must leave this thread free.
 */
const root = mkdtempSync(path.join(tmpdir(), "assetronics-thread-"));
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openDatabase({ dataDir: root });
  await sql`create table things (id int primary key, name text not null unique, seen date, at timestamptz, big bigint, raw bytea)`.execute(
    handle.db,
  );
}, 60_000);
afterAll(async () => {
  await handle?.close();
  rmSync(root, { recursive: true, force: true });
});

it("returns rows with the app's types: dates as written, bigint as numbers, timestamps as Dates, bytes", async () => {
  await sql`insert into things values (1, 'one', '2026-01-31', '2026-01-31T10:00:00Z', 42, '\\x0102')`.execute(
    handle.db,
  );
  const { rows } = await sql<{
    seen: string;
    at: Date;
    big: number;
    raw: Uint8Array;
  }>`select seen, at, big, raw from things where id = ${1}`.execute(handle.db);
  expect(rows[0]?.seen).toBe("2026-01-31");
  expect(rows[0]?.at).toEqual(new Date("2026-01-31T10:00:00Z"));
  expect(rows[0]?.big).toBe(42);
  expect([...(rows[0]?.raw ?? [])]).toEqual([1, 2]);
});

it("rejects with PostgreSQL's error fields, and without the statement's values", async () => {
  const error = await sql`insert into things (id, name) values (${2}, ${"one"})`
    .execute(handle.db)
    .catch((caught: unknown) => caught as Record<string, unknown>);
  expect(error).toMatchObject({ code: "23505", constraint: "things_name_key", table: "things" });
  expect(error).toBeInstanceOf(Error);
  expect(Object.keys(error)).not.toContain("params");
});

it("runs transactions across the hop: a rolled-back one leaves nothing", async () => {
  await handle.db
    .transaction()
    .execute(async (trx) => {
      await sql`insert into things (id, name) values (3, 'three')`.execute(trx);
      throw new Error("changed my mind");
    })
    .catch(() => undefined);
  await handle.db
    .transaction()
    .execute((trx) => sql`insert into things (id, name) values (4, 'four')`.execute(trx));
  const { rows } = await sql<{ id: number }>`select id from things where id in (3, 4)`.execute(handle.db);
  expect(rows.map((row) => row.id)).toEqual([4]);
});

it("keeps a statement run again prepared on the database's thread (db/pglite-statements.mjs)", async () => {
  const named = () =>
    sql<{ statement: string }>`
    select statement from pg_prepared_statements where name like 'assetronics_%'`.execute(handle.db);
  const byName = (name: string) => sql`select id from things where name = ${name}`.execute(handle.db);
  await byName("one");
  const text = "select id from things where name = $1";
  expect((await named()).rows.map((row) => row.statement)).not.toContain(text);
  expect((await byName("one")).rows).toEqual([{ id: 1 }]);
  expect((await named()).rows.map((row) => row.statement)).toContain(text);
});

it("delivers notifications to every listener of a channel until it unlistens", async () => {
  const first: string[] = [];
  const second: string[] = [];
  const stopFirst =
    (await handle.listen?.("wake", (payload) => first.push(payload ?? ""))) ?? (async () => {});
  const stopSecond =
    (await handle.listen?.("wake", (payload) => second.push(payload ?? ""))) ?? (async () => {});
  await sql`select pg_notify('wake', 'one')`.execute(handle.db);
  await expect.poll(() => [first, second]).toEqual([["one"], ["one"]]);
  await stopFirst();
  await sql`select pg_notify('wake', 'two')`.execute(handle.db);
  await expect.poll(() => second).toEqual(["one", "two"]);
  expect(first).toEqual(["one"]);
  await stopSecond();
});

it("keeps this thread free while a long statement runs", async () => {
  const order: string[] = [];
  const long = sql`select count(*) from generate_series(1, 4000000)`
    .execute(handle.db)
    .then(() => order.push("statement"));
  await new Promise((resolve) => setTimeout(resolve, 5));
  order.push("timer");
  await long;
  // in this thread the timer could only fire after the statement had finished
  expect(order).toEqual(["timer", "statement"]);
});

it("logs a long hold of the connection as a warning, with its SQL and never its values", async () => {
  const level = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = "warn";
  const lines: string[] = [];
  const written = vi
    .spyOn(process.stderr, "write")
    .mockImplementation((line) => lines.push(String(line)) > 0);
  try {
    await sql`select pg_sleep(0.3), ${"ines@example.com"}::text`.execute(handle.db);
  } finally {
    written.mockRestore();
    process.env.LOG_LEVEL = level;
  }
  const hold = lines.find((line) => line.includes("held the embedded database"));
  expect(JSON.parse(hold ?? "{}")).toMatchObject({
    level: "warn",
    by: "a request",
    statements: 1,
    slowest: "select pg_sleep(0.3), $1::text",
  });
  expect(JSON.parse(hold ?? "{}").ms).toBeGreaterThanOrEqual(300);
  expect(lines.join("")).not.toContain("ines@example.com");
});

it("keeps what was written after closing and opening again", async () => {
  await handle.close();
  handle = await openDatabase({ dataDir: root });
  const { rows } = await sql<{ name: string }>`select name from things order by id`.execute(handle.db);
  expect(rows.map((row) => row.name)).toEqual(["one", "four"]);
}, 60_000);
