import { sql } from "kysely";
import { describe, expect, inject, it } from "vitest";
import { openDatabase } from "@/db";

/**
 * On PostgreSQL a runaway statement (or a transaction a request forgot) must end on its own
 * instead of holding a connection and its locks for everyone. PGlite has no timers to enforce it.
 */
const url = inject("testDatabaseUrl");

describe.skipIf(!url)("PostgreSQL timeouts", () => {
  it("has a 30 s statement timeout and a 60 s idle-in-transaction timeout by default", async () => {
    const handle = await openDatabase({ databaseUrl: url, dataDir: "" });
    try {
      const { rows } = await sql<{
        statement: string;
        idle: string;
      }>`select current_setting('statement_timeout') as statement,
                current_setting('idle_in_transaction_session_timeout') as idle`.execute(handle.db);
      expect(rows[0]).toEqual({ statement: "30s", idle: "1min" });
    } finally {
      await handle.close();
    }
  });

  it("cancels a statement that runs longer than the configured timeout", async () => {
    const handle = await openDatabase({ databaseUrl: url, dataDir: "", statementTimeoutMs: 300 });
    try {
      const started = performance.now();
      await expect(sql`select pg_sleep(5)`.execute(handle.db)).rejects.toMatchObject({ code: "57014" });
      expect(performance.now() - started).toBeLessThan(3000);
      // the connection is still usable for the next statement
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
      expect(rows[0]?.one).toBe(1);
    } finally {
      await handle.close();
    }
  });

  it("ends a transaction left idle longer than the configured timeout", async () => {
    const handle = await openDatabase({
      databaseUrl: url,
      dataDir: "",
      idleInTransactionTimeoutMs: 300,
    });
    try {
      const outcome = await handle.db
        .transaction()
        .execute(async (trx) => {
          await sql`select 1`.execute(trx);
          await new Promise((resolve) => setTimeout(resolve, 1500));
          await sql`select 1`.execute(trx);
          return "committed";
        })
        .catch(() => "ended by the server");
      expect(outcome).toBe("ended by the server");
    } finally {
      await handle.close();
    }
  });
});
