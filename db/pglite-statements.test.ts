import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preparedStatements } from "./pglite-statements.mjs";

/**
 * Statements run again are kept prepared on the embedded database (db/pglite-statements.mjs), so
 * PostgreSQL stops re-planning the app's hot statements; what callers get back must not change.
 */
let pglite: PGlite;
let statements: ReturnType<typeof preparedStatements>;

const TENANT_A = "00000000-0000-4000-8000-00000000000a";
const TENANT_B = "00000000-0000-4000-8000-00000000000b";

beforeAll(async () => {
  pglite = await PGlite.create({ parsers: { 20: (value: string) => Number.parseInt(value, 10) } });
  await pglite.exec(`
    create table things (
      id int primary key, tenant_id uuid not null, name text not null unique,
      seen date, big bigint, data jsonb, tags text[]
    );
    alter table things enable row level security;
    alter table things force row level security;
    create role reader;
    grant select, insert, update on things to reader;
    create policy by_tenant on things using (tenant_id = current_setting('app.tenant_id', true)::uuid);
    insert into things
      select g, case when g % 10 = 0 then '${TENANT_B}'::uuid else '${TENANT_A}'::uuid end,
             'thing ' || g, '2026-01-31', g * 1000, jsonb_build_object('n', g), array['t' || g]
      from generate_series(1, 500) g;
    analyze things;
  `);
  statements = preparedStatements(pglite);
}, 60_000);
afterAll(() => pglite.close());

/** The app's prepared statements, as PostgreSQL lists them (read unprepared). */
async function preparedNow() {
  const { rows } = await pglite.query<{ statement: string; generic_plans: number; custom_plans: number }>(
    "select statement, generic_plans, custom_plans from pg_prepared_statements where name like 'assetronics_%'",
  );
  return rows;
}

/** Runs `work` as `reader` in one tenant, as withTenant does. */
async function inTenant<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
  await statements.query("begin");
  try {
    await statements.query(
      "select set_config('app.tenant_id', $1, true), set_config('role', 'reader', true)",
      [tenantId],
    );
    const result = await work();
    await statements.query("commit");
    return result;
  } catch (error) {
    await statements.query("rollback");
    throw error;
  }
}

describe("prepared statements on the embedded database", () => {
  it("prepares a statement the second time it runs and, under row-level security, stops re-planning it", async () => {
    const list = "select id, name from things where tenant_id = $1 order by id limit $2";
    await inTenant(TENANT_B, () => statements.query(list, [TENANT_B, 5]));
    expect((await preparedNow()).map((row) => row.statement)).not.toContain(list);

    for (let run = 0; run < 9; run++) {
      const tenant = run % 2 === 0 ? TENANT_A : TENANT_B;
      const result = await inTenant(tenant, () => statements.query(list, [tenant, 5]));
      // each tenant still sees only its own rows: policies hold on a reused plan
      expect(result.rows.map((row) => (row as { id: number }).id)).toEqual(
        tenant === TENANT_A ? [1, 2, 3, 4, 5] : [10, 20, 30, 40, 50],
      );
    }
    const entry = (await preparedNow()).find((row) => row.statement === list);
    expect(entry?.custom_plans).toBe(5);
    expect(entry?.generic_plans).toBe(4);
  });

  it("returns what PGlite's own query returns: types, nulls, arrays, counts", async () => {
    const cases: Array<[string, unknown[]]> = [
      [
        "select id, seen, big, data, tags, null::text as nothing from things where id = any($1::int[]) order by id",
        [[3, 4]],
      ],
      ["select count(*) as count from things where name like $1", ["thing 1%"]],
      ["update things set big = big + 1 where id = $1", [7]],
      [
        "insert into things (id, tenant_id, name, data) values ($1, $2, $3, $4) returning id, data",
        [501, TENANT_A, "new", { a: [1] }],
      ],
      [
        "select id from things where seen = $1 and big > $2 and data is not null order by id desc limit 1",
        ["2026-01-31", null],
      ],
    ];
    for (const [text, params] of cases) {
      for (let run = 0; run < 3; run++) {
        const ours = await statements.query(text, params);
        if (text.startsWith("insert")) await pglite.query("delete from things where id = 501");
        const theirs = await pglite.query(text, params);
        if (text.startsWith("insert")) {
          await pglite.query("delete from things where id = 501");
          expect(ours.rows).toEqual([{ id: 501, data: { a: [1] } }]);
        } else if (text.startsWith("update")) {
          expect(ours.affectedRows).toBe(1);
        } else {
          expect(ours.rows).toEqual(theirs.rows);
        }
        expect(ours.affectedRows).toBe(theirs.affectedRows);
      }
    }
    const [first] = (await statements.query(cases[0]?.[0] ?? "", [[3]])).rows as Array<
      Record<string, unknown>
    >;
    expect(first).toEqual({
      id: 3,
      seen: new Date("2026-01-31T00:00:00Z"),
      big: 3000,
      data: { n: 3 },
      tags: ["t3"],
      nothing: null,
    });
  });

  it("fails as PGlite does, and the transaction after an error behaves the same", async () => {
    const insert = "insert into things (id, tenant_id, name) values ($1, $2, $3)";
    await statements.query(insert, [600, TENANT_A, "six hundred"]);
    await statements.query(insert, [601, TENANT_A, "six hundred one"]); // prepared now

    await statements.query("begin");
    const error = await statements
      .query(insert, [602, TENANT_A, "six hundred"])
      .catch((caught: unknown) => caught as Record<string, unknown>);
    expect(error).toMatchObject({ code: "23505", constraint: "things_name_key" });
    await expect(statements.query(insert, [603, TENANT_A, "fine"])).rejects.toMatchObject({ code: "25P02" });
    await statements.query("rollback");

    await statements.query(insert, [604, TENANT_A, "after"]);
    const { rows } = await pglite.query("select id from things where id between 600 and 605 order by id");
    expect(rows).toEqual([{ id: 600 }, { id: 601 }, { id: 604 }]);
  });

  it("keeps at most its limit prepared, closing the least recently used", async () => {
    const small = preparedStatements(pglite, { limit: 2 });
    const texts = [
      "select 1 as one from things limit 1",
      "select 2 as two from things limit 1",
      "select 3 as three from things limit 1",
    ];
    for (const text of texts) {
      await small.query(text);
      await small.query(text);
    }
    expect(small.prepared()).toBe(2);
    const listed = (await preparedNow()).map((row) => row.statement);
    expect(listed).not.toContain(texts[0]);
    expect(listed).toEqual(expect.arrayContaining([texts[1], texts[2]]));
    expect((await small.query(texts[0] ?? "")).rows).toEqual([{ one: 1 }]);
  });

  it("runs a statement whose result columns a migration changed, prepared afresh", async () => {
    await pglite.exec("create table changing (id int primary key); insert into changing values (1)");
    const text = "select * from changing where id = $1";
    await statements.query(text, [1]);
    expect((await statements.query(text, [1])).rows).toEqual([{ id: 1 }]);

    await pglite.exec("alter table changing add column extra int default 7");
    expect((await statements.query(text, [1])).rows).toEqual([{ id: 1, extra: 7 }]);

    await pglite.exec("alter table changing add column more text default 'x'");
    await statements.query("begin");
    // inside a transaction PostgreSQL has already failed it: the caller sees the error once
    await expect(statements.query(text, [1])).rejects.toThrow(/cached plan must not change result type/);
    await statements.query("rollback");
    expect((await statements.query(text, [1])).rows).toEqual([{ id: 1, extra: 7, more: "x" }]);
  });
});
