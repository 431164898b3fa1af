import { sql } from "kysely";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { LISTENER_APPLICATION_NAME, type Unlisten } from "@/db/listen";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { EVENTS_CHANNEL, emit } from "@/server/events/emit";
import { createTestTenant } from "../factories/tenants";
import { openIsolatedTestDatabase } from "../support/database";
import { waitFor } from "../support/wait-for";

/**
 * Wake-ups on commit, on a database of this file's own (notifications are per database, and other
 * test files emit events): what the automation engine relies on to start runs without polling.
 */
let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await openIsolatedTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

const actor = { type: "system" as const, id: null, label: "listen test" };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function listenCounting(): Promise<{ count: () => number; unlisten: Unlisten }> {
  if (!handle.listen) throw new Error("the test database has no listener");
  let calls = 0;
  const unlisten = await handle.listen(EVENTS_CHANNEL, () => {
    calls++;
  });
  return { count: () => calls, unlisten };
}

const emitIn = (tenantId: string, times: number, fail = false) =>
  withTenant(db, tenantId, async (trx) => {
    for (let i = 0; i < times; i++) {
      await emit(
        { db: trx, tenantId: tenantId, actor: actor },
        { name: "settings.changed", entityId: tenantId, data: { changes: {} } },
      );
    }
    if (fail) throw new Error("the change failed");
  });

it("emit() notifies listeners once per committed transaction, and never for a rolled-back one", async () => {
  const { tenant } = await createTestTenant(db);
  // The tenant's own events notify just after their commit: let that notification pass first.
  await pause(300);
  const { count, unlisten } = await listenCounting();
  try {
    await emitIn(tenant.id, 3);
    await waitFor("the commit's notification", async () => count() >= 1);

    await expect(emitIn(tenant.id, 2, true)).rejects.toThrow("the change failed");
    // Long enough for a notification to arrive, had one been sent: the first took milliseconds.
    await pause(300);
    expect(count()).toBe(1);
  } finally {
    await unlisten();
  }
});

it.skipIf(!inject("testDatabaseUrl"))(
  "the PostgreSQL listener reconnects when its connection dies, and says it may have missed some",
  async () => {
    const { tenant } = await createTestTenant(db);
    const { count, unlisten } = await listenCounting();
    const listeners = () =>
      withPlatform(db, (trx) =>
        sql<{ pid: number }>`
          select pid from pg_stat_activity
          where application_name = ${LISTENER_APPLICATION_NAME} and datname = current_database()
        `.execute(trx),
      ).then((result) => result.rows);
    try {
      expect(await listeners()).toHaveLength(1);
      await withPlatform(db, (trx) =>
        sql`
          select pg_terminate_backend(pid) from pg_stat_activity
          where application_name = ${LISTENER_APPLICATION_NAME} and datname = current_database()
        `.execute(trx),
      );
      await waitFor("the catch-up call after reconnecting", async () => count() >= 1);
      await emitIn(tenant.id, 1);
      await waitFor("a notification on the new connection", async () => count() >= 2);
    } finally {
      await unlisten();
    }
    await waitFor("the listener connection to close", async () => (await listeners()).length === 0);
  },
);
