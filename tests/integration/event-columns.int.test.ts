import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { listAuditEvents } from "@/server/audit/queries";
import { verifyAuditChain } from "@/server/audit/services/verify-audit-chain";
import { systemScope } from "@/server/context";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { emit } from "@/server/events/emit";
import { hashedEventColumns, unhashedEventColumns } from "@/server/events/hash";
import { createTestTenant } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

/**
 * The one column list of server/events/hash.ts against the events table: every column is either
 * covered by the hash or one of the row's id and chain links, and the readers built on the list
 * (the chain verification, the audit log) see every hashed column, causation included.
 */
let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

/** An event of automation caused by another, so every causation column holds a value. */
async function causedEvent(tenantId: string) {
  return withTenant(db, tenantId, async (trx) => {
    const scope = systemScope(trx, tenantId, { label: "Automation: test", cause: null });
    const root = await emit(scope, {
      name: "settings.changed",
      entityId: tenantId,
      data: { changes: { n: { before: 0, after: 1 } } },
    });
    const cause = { eventId: root.id, correlationId: root.id, functionId: "fn-test", runId: randomUUID() };
    const caused = await emit(
      { ...scope, cause },
      { name: "settings.changed", entityId: tenantId, data: { changes: { n: { before: 1, after: 2 } } } },
    );
    return { caused, cause };
  });
}

describe("the events column list", () => {
  it("classifies every column of the events table as hashed or not", async () => {
    const { rows } = await sql<{ column_name: string }>`
      select column_name from information_schema.columns
       where table_schema = current_schema() and table_name = 'events'`.execute(db);
    const listed = [...hashedEventColumns, ...unhashedEventColumns].sort();
    expect(
      rows.map((row) => row.column_name).sort(),
      "add the column to hashedEventColumns or say why not",
    ).toEqual(listed);
  });

  it("lets the audit log show, and the chain verification check, the causation columns", async () => {
    const { tenant } = await createTestTenant(db);
    const { caused, cause } = await causedEvent(tenant.id);
    const page = await withTenant(db, tenant.id, (trx) => listAuditEvents(trx, tenant.id, {}));
    expect(page.items.find((item) => item.id === caused.id)?.causedBy).toEqual({
      eventId: cause.eventId,
      functionId: cause.functionId,
      runId: cause.runId,
    });

    // Tampering as someone with database access would (triggers off for this transaction only).
    await withPlatform(db, async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await trx
        .updateTable("events")
        .set({ cause_run_id: randomUUID() })
        .where("id", "=", caused.id)
        .execute();
    });
    const verified = await withTenant(db, tenant.id, (trx) => verifyAuditChain(trx, tenant.id));
    expect(verified.problems).toEqual([expect.objectContaining({ kind: "hash_mismatch", seq: caused.seq })]);
  });
});
