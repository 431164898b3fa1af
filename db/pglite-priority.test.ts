import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openMemoryDatabase } from "./index";
import { inBackground } from "./pglite-priority";

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

  it("lets background work that has waited BACKGROUND_MAX_WAIT_MS go before requests that keep coming", async () => {
    const finished: string[] = [];
    const transaction = (name: string, seconds: number) =>
      handle.db.transaction().execute(async (trx) => {
        await sql`select pg_sleep(${seconds})`.execute(trx);
        finished.push(name);
      });
    // A request holds the connection; a background job queues behind it, and people keep
    // sending requests, each waiting when the one before is served: without the bound, the job
    // would wait until they stop.
    const first = transaction("request 1", 0.05);
    const job = inBackground(() => transaction("job", 0));
    const requests = [first];
    for (let i = 2; i <= 12; i++) requests.push(transaction(`request ${i}`, 0.05));
    await Promise.all([...requests, job]);
    const jobAt = finished.indexOf("job");
    // 250 ms of 50 ms requests: the job goes after about five of them, not after all twelve.
    expect(jobAt).toBeGreaterThan(1);
    expect(jobAt).toBeLessThan(9);
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
