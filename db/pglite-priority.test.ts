import { PGlite } from "@electric-sql/pglite";
import { Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openMemoryDatabase } from "./index";
import { type Hold, inBackground, PriorityPGliteDialect } from "./pglite-priority";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openMemoryDatabase();
}, 60_000);
afterAll(() => handle.close());

describe("the embedded database's one connection", () => {
  it("serves a request before background transactions already waiting, after the one in flight", async () => {
    const finished: string[] = [];
    const transaction = (name: string) =>
      handle.db.transaction().execute(async (trx) => {
        await sql`select pg_sleep(0.02)`.execute(trx);
        finished.push(name);
      });
    const jobs = Array.from({ length: 5 }, (_, i) => inBackground(() => transaction(`job ${i + 1}`)));
    const request = sql`select 1`.execute(handle.db).then(() => finished.push("request"));
    await Promise.all([...jobs, request]);
    expect(finished).toEqual(["job 1", "request", "job 2", "job 3", "job 4", "job 5"]);
  });

  it("keeps arrival order within requests and within background work", async () => {
    const finished: string[] = [];
    const query = (name: string) => sql`select 1`.execute(handle.db).then(() => finished.push(name));
    await Promise.all([
      inBackground(() => query("job 1")),
      inBackground(() => query("job 2")),
      query("request 1"),
      query("request 2"),
    ]);
    expect(finished).toEqual(["job 1", "request 1", "request 2", "job 2"]);
  });
});

describe("the app's database: background work keeps off between a person's transactions", () => {
  let app: Kysely<unknown>;
  beforeAll(async () => {
    app = new Kysely<unknown>({
      dialect: new PriorityPGliteDialect(await PGlite.create(), { graceMs: 100, maxWaitMs: 400 }),
    });
  }, 60_000);
  afterAll(() => app.destroy());
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("lets a page's next transaction, a few milliseconds after its last, go before waiting background work", async () => {
    const finished: string[] = [];
    await sql`select 1`.execute(app);
    // A job queued right after the page's first transaction, while the page renders for 10 ms.
    const job = inBackground(() => sql`select 1`.execute(app).then(() => finished.push("job")));
    await pause(10);
    await sql`select 1`.execute(app).then(() => finished.push("page's second transaction"));
    await job;
    expect(finished).toEqual(["page's second transaction", "job"]);
  });

  it("starts background work once nobody has used the connection for the grace", async () => {
    await sql`select 1`.execute(app);
    await pause(150);
    const started = performance.now();
    await inBackground(() => sql`select 1`.execute(app));
    // Not held until the bound (400 ms): the grace (100 ms) had passed.
    expect(performance.now() - started).toBeLessThan(300);
  });

  it("never holds background work off longer than its bound, however busy people keep it", async () => {
    let browsing = true;
    const people = (async () => {
      while (browsing) {
        await sql`select 1`.execute(app);
        await pause(5);
      }
    })();
    await pause(20);
    const started = performance.now();
    await inBackground(() => sql`select 1`.execute(app));
    const waited = performance.now() - started;
    browsing = false;
    await people;
    expect(waited).toBeGreaterThanOrEqual(390);
    expect(waited).toBeLessThan(1_500);
  });
});

describe("closing the embedded database", () => {
  it("lets the transaction in flight commit first and fails the work still waiting", async () => {
    const own = await openMemoryDatabase();
    await sql`create table shutdown_probe (n int)`.execute(own.db);
    const order: string[] = [];
    let started = () => {};
    const inFlightStarted = new Promise<void>((resolve) => (started = resolve));
    const inFlight = own.db.transaction().execute(async (trx) => {
      await sql`insert into shutdown_probe values (1)`.execute(trx);
      started();
      await sql`select pg_sleep(0.1)`.execute(trx);
      await sql`insert into shutdown_probe values (2)`.execute(trx);
      order.push("committed");
    });
    await inFlightStarted;
    const waiting = inBackground(() => sql`insert into shutdown_probe values (3)`.execute(own.db));
    const closed = own.close().then(() => order.push("closed"));
    await expect(waiting).rejects.toThrow("The database is closing");
    await expect(sql`select 1`.execute(own.db)).rejects.toThrow();
    await inFlight;
    await closed;
    expect(order).toEqual(["committed", "closed"]);
  });
});

describe("long holds of the connection", () => {
  let app: Kysely<unknown>;
  const holds: Hold[] = [];
  beforeAll(async () => {
    app = new Kysely<unknown>({
      dialect: new PriorityPGliteDialect(await PGlite.create(), {
        graceMs: 0,
        maxWaitMs: 0,
        longHoldMs: 80,
        onLongHold: (hold) => holds.push(hold),
      }),
    });
  }, 60_000);
  afterAll(() => app.destroy());

  it("reports a holder that kept it long, by whom and with its slowest statement's SQL, never its values", async () => {
    await sql`select ${"quick"}::text`.execute(app);
    await inBackground(() =>
      app.transaction().execute(async (trx) => {
        await sql`select ${"ines@example.com"}::text`.execute(trx);
        await sql`select   pg_sleep(0.1),
          ${"secret"}::text`.execute(trx);
      }),
    );
    expect(holds).toHaveLength(1);
    expect(holds[0]).toMatchObject({
      background: true,
      // begin, the two statements, commit
      statements: 4,
      slowest: { sql: "select pg_sleep(0.1), $1::text" },
    });
    expect(holds[0]?.ms).toBeGreaterThanOrEqual(100);
    expect(holds[0]?.slowest.ms).toBeGreaterThanOrEqual(100);
    expect(JSON.stringify(holds)).not.toMatch(/ines@example|secret/);
  });
});
