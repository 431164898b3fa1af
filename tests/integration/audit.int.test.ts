import { TRPCError } from "@trpc/server";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import type { Actor } from "@/inngest/events";
import { auditFacets, listAuditEvents, listEntityTimeline } from "@/server/audit/queries";
import { exportAuditCsv } from "@/server/audit/services/export-audit-csv";
import { verifyAuditChain } from "@/server/audit/services/verify-audit-chain";
import type { SessionUser } from "@/server/context";
import { type Db, type Trx, withPlatform, withTenant } from "@/server/db";
import { AppError } from "@/server/errors";
import { emit } from "@/server/events/emit";
import { eventHash, hashedFieldsOf } from "@/server/events/hash";
import { createCaller } from "@/server/router";
import { createTestTenant, createTestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
});
afterAll(() => handle.close());

const callerFor = (user: SessionUser) => createCaller({ user, requestId: "audit-test", ip: "127.0.0.1" });
const personActor = (id: string, label: string): Actor => ({ type: "user", id, label });
const systemActor: Actor = { type: "system", id: null, label: "Assetronics" };

/** Appends `count` settings.changed events (entity: the tenant) in one tenant transaction each. */
async function emitSettings(tenantId: string, count: number, actor: Actor = systemActor) {
  for (let i = 0; i < count; i++) {
    await withTenant(db, tenantId, (trx) =>
      emit(
        { db: trx, tenantId: tenantId, actor: actor },
        {
          name: "settings.changed",
          entityId: tenantId,
          data: { changes: { n: { before: i, after: i + 1 } } },
        },
      ),
    );
  }
}

const allEvents = (tenantId: string) =>
  withPlatform(db, (trx) =>
    trx.selectFrom("events").selectAll().where("tenant_id", "=", tenantId).orderBy("seq").execute(),
  );

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) =>
      error instanceof TRPCError ? error.code : error instanceof AppError ? error.code : String(error),
  );

/** A day as YYYY-MM-DD in a time zone. */
const dayIn = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    instant,
  );
const shiftDay = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe("audit.list", () => {
  async function seedLog() {
    const { tenant, admin } = await createTestTenant(db);
    const auditor = await createTestUser(db, tenant, "auditor");
    const staff = await createTestUser(db, tenant, "it_staff");
    const people = {
      admin: personActor(admin.id, "Ada Admin <ada@x.test>"),
      staff: personActor(staff.id, "Sam Staff <sam@x.test>"),
    };
    await withTenant(db, tenant.id, async (trx) => {
      await emit(
        { db: trx, tenantId: tenant.id, actor: people.admin },
        {
          name: "user.role_changed",
          entityId: staff.id,
          data: { email: staff.email, changes: { role: { before: "employee", after: "it_staff" } } },
        },
      );
      await emit(
        { db: trx, tenantId: tenant.id, actor: people.admin },
        { name: "user.deactivated", entityId: auditor.id, data: { email: auditor.email } },
      );
      await emit(
        { db: trx, tenantId: tenant.id, actor: people.staff },
        { name: "user.reactivated", entityId: auditor.id, data: { email: auditor.email } },
      );
      await emit(
        { db: trx, tenantId: tenant.id, actor: people.staff },
        {
          name: "user.role_changed",
          entityId: auditor.id,
          data: { email: auditor.email, changes: { role: { before: "auditor", after: "employee" } } },
        },
      );
    });
    return { tenant, admin, auditor, staff, people };
  }

  it("lists the whole log newest first, with actor, entity and data", async () => {
    const { tenant, admin, staff } = await seedLog();
    const page = await callerFor(admin).audit.list({});
    expect(page.items.map((item) => item.name)).toEqual([
      "user.role_changed",
      "user.reactivated",
      "user.deactivated",
      "user.role_changed",
      "user.created",
      "tenant.created",
    ]);
    expect(page.items.map((item) => item.seq)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(page.nextCursor).toBeNull();
    expect(page.items[3]).toMatchObject({
      actor: { type: "user", id: admin.id, label: "Ada Admin <ada@x.test>" },
      entity: { type: "user", id: staff.id },
      data: { changes: { role: { before: "employee", after: "it_staff" } } },
    });
    const stored = await allEvents(tenant.id);
    expect(page.items[0]?.hash).toBe(stored.at(-1)?.hash);
  });

  it("filters by entity, actor, event type(s) and combinations", async () => {
    const { admin, auditor, staff } = await seedLog();
    const list = callerFor(admin).audit.list;
    const seqs = async (input: Parameters<typeof list>[0]) =>
      (await list(input)).items.map((item) => item.seq);

    expect(await seqs({ entityType: "user", entityId: auditor.id })).toEqual([6, 5, 4]);
    expect(await seqs({ entityType: "user", entityId: staff.id })).toEqual([3]);
    expect(await seqs({ entityType: "invitation", entityId: auditor.id })).toEqual([]);
    expect(await seqs({ actorId: staff.id })).toEqual([6, 5]);
    expect(await seqs({ actorId: admin.id })).toEqual([4, 3, 2, 1]);
    expect(await seqs({ names: ["user.role_changed"] })).toEqual([6, 3]);
    expect(await seqs({ names: ["user.deactivated", "user.role_changed", "user.deactivated"] })).toEqual([
      6, 4, 3,
    ]);
    expect(await seqs({ names: ["user.role_changed"], actorId: admin.id })).toEqual([3]);
    expect(await seqs({ names: ["user.role_changed"], entityType: "user", entityId: auditor.id })).toEqual([
      6,
    ]);
    // An id alone is a record's history whatever its kind: no need to choose the type first.
    expect(await seqs({ entityId: auditor.id })).toEqual([6, 5, 4]);
  });

  it("filters by whole days in the chosen time zone, both ends inclusive", async () => {
    const { admin } = await seedLog();
    const list = callerFor(admin).audit.list;
    const [newest] = (await list({})).items;
    if (!newest) throw new Error("seeded log is empty");
    for (const timeZone of ["UTC", "Pacific/Kiritimati", "America/Los_Angeles"]) {
      const today = dayIn(newest.occurredAt, timeZone);
      const count = async (from?: string, to?: string) =>
        (await list({ from, to, timeZone })).items.filter((item) => item.seq === newest.seq).length;
      expect(await count(today, today), `${timeZone} same day`).toBe(1);
      expect(await count(today), `${timeZone} from today`).toBe(1);
      expect(await count(undefined, today), `${timeZone} until today`).toBe(1);
      expect(await count(shiftDay(today, 1)), `${timeZone} from tomorrow`).toBe(0);
      expect(await count(undefined, shiftDay(today, -1)), `${timeZone} until yesterday`).toBe(0);
    }
  });

  it("refuses filters that cannot mean anything, with a message saying why", async () => {
    const { admin } = await seedLog();
    const list = callerFor(admin).audit.list;
    expect(await codeOf(list({ from: "2026-03-05", to: "2026-03-01" }))).toBe("BAD_REQUEST");
    expect(await codeOf(list({ from: "2026-02-30" }))).toBe("BAD_REQUEST");
    expect(await codeOf(list({ from: "2026-02-01", timeZone: "Mars/Base" }))).toBe("BAD_REQUEST");
    expect(await codeOf(list({ names: ["DROP TABLE events"] }))).toBe("BAD_REQUEST");
    expect(await codeOf(list({ limit: 500 }))).toBe("BAD_REQUEST");
  });

  it("pages below a seq: every event exactly once, in order, even while new events arrive", async () => {
    const { tenant, admin } = await createTestTenant(db);
    await emitSettings(tenant.id, 9);
    const list = callerFor(admin).audit.list;
    const seen: number[] = [];
    let cursor: number | null = null;
    let pages = 0;
    do {
      const page = await list({ cursor, limit: 4 });
      seen.push(...page.items.map((item) => item.seq));
      cursor = page.nextCursor;
      pages++;
      // people keep working while someone pages through the log
      if (pages === 1) await emitSettings(tenant.id, 2);
    } while (cursor !== null);
    expect(seen).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(pages).toBe(3);

    const filtered: number[] = [];
    cursor = null;
    do {
      const page = await list({ names: ["settings.changed", "tenant.created"], cursor, limit: 5 });
      filtered.push(...page.items.map((item) => item.seq));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(filtered).toEqual([13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 1]);

    // With a date range the walk follows events_occurred_idx; the pages are the same.
    const [newest] = (await list({ limit: 1 })).items;
    if (!newest) throw new Error("empty log");
    const from = shiftDay(dayIn(newest.occurredAt, "UTC"), -1);
    const dated: number[] = [];
    cursor = null;
    do {
      const page = await list({
        from,
        timeZone: "UTC",
        names: ["settings.changed", "tenant.created"],
        cursor,
        limit: 5,
      });
      dated.push(...page.items.map((item) => item.seq));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(dated).toEqual(filtered);
    cursor = null;
    const datedAll: number[] = [];
    do {
      const page = await list({ from, cursor, limit: 3 });
      datedAll.push(...page.items.map((item) => item.seq));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(datedAll).toEqual([13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });
});

describe("audit.facets and audit.timeline", () => {
  it("offers the event types, entity types and actors that occur, actors by their latest label", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const staff = await createTestUser(db, tenant, "it_staff");
    await emitSettings(tenant.id, 1, personActor(staff.id, "Sam Old <sam@x.test>"));
    await emitSettings(tenant.id, 1, personActor(staff.id, "Sam New <sam@x.test>"));
    await emitSettings(tenant.id, 1);
    const facets = await callerFor(admin).audit.facets();
    expect(facets.names).toEqual(["settings.changed", "tenant.created", "user.created"]);
    expect(facets.entityTypes).toEqual(["tenant", "user"]);
    expect(facets.actors).toEqual(
      [
        { id: admin.id, type: "user", label: `Ada Admin <${admin.email}>` },
        { id: staff.id, type: "user", label: "Sam New <sam@x.test>" },
      ].sort((a, b) => a.label.localeCompare(b.label)),
    );
  });

  it("shows one record's history newest first", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const auditor = await createTestUser(db, tenant, "auditor");
    await emitSettings(tenant.id, 3);
    const timeline = await callerFor(auditor).audit.timeline({ entityType: "tenant", entityId: tenant.id });
    expect(timeline.map((item) => [item.seq, item.name])).toEqual([
      [5, "settings.changed"],
      [4, "settings.changed"],
      [3, "settings.changed"],
      [1, "tenant.created"],
    ]);
    const limited = await callerFor(admin).audit.timeline({
      entityType: "tenant",
      entityId: tenant.id,
      limit: 2,
    });
    expect(limited.map((item) => item.seq)).toEqual([5, 4]);
    const direct = await withTenant(db, tenant.id, (trx) =>
      listEntityTimeline(trx, tenant.id, "user", admin.id, 10),
    );
    expect(direct.map((item) => item.name)).toEqual(["user.created"]);
  });
});

describe("audit-only records", () => {
  it("keeps users' sign-ins and tenant events from IT staff, who still see asset and employee histories", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const staff = await createTestUser(db, tenant, "it_staff");
    await withPlatform(db, (trx) =>
      emit(
        { db: trx, tenantId: tenant.id, actor: personActor(admin.id, "Ada Admin") },
        { name: "user.signed_in", entityId: admin.id, data: { email: admin.email, ip: "198.51.100.7" } },
      ),
    );
    await emitSettings(tenant.id, 1);
    const asStaff = callerFor(staff);
    expect(await codeOf(asStaff.audit.timeline({ entityType: "user", entityId: admin.id }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(asStaff.audit.timeline({ entityType: "tenant", entityId: tenant.id }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(asStaff.audit.timeline({ entityType: "invitation", entityId: admin.id }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(asStaff.audit.timeline({ entityType: "asset", entityId: admin.id }))).toBe("OK");
    expect(await codeOf(asStaff.audit.timeline({ entityType: "employee", entityId: admin.id }))).toBe("OK");
    const asAdmin = await callerFor(admin).audit.timeline({ entityType: "user", entityId: admin.id });
    expect(asAdmin.map((event) => event.name)).toContain("user.signed_in");
  });
});

describe("tenant isolation of the audit procedures", () => {
  it("shows, counts and verifies only the caller's tenant, even when asked for another's records", async () => {
    const a = await createTestTenant(db, "Audit isolation A");
    const b = await createTestTenant(db, "Audit isolation B");
    const bStaff = await createTestUser(db, b.tenant, "it_staff");
    await emitSettings(a.tenant.id, 2);
    await withTenant(db, b.tenant.id, (trx) =>
      emit(
        { db: trx, tenantId: b.tenant.id, actor: personActor(bStaff.id, "B staff <b@x.test>") },
        { name: "user.deactivated", entityId: bStaff.id, data: { email: bStaff.email } },
      ),
    );
    const aIds = new Set((await allEvents(a.tenant.id)).map((row) => row.id));
    const asA = callerFor(a.admin);

    const list = await asA.audit.list({ limit: 200 });
    expect(list.items.length).toBe(aIds.size);
    expect(list.items.every((item) => aIds.has(item.id))).toBe(true);
    expect((await asA.audit.list({ entityType: "user", entityId: bStaff.id })).items).toEqual([]);
    expect((await asA.audit.list({ actorId: bStaff.id })).items).toEqual([]);
    expect((await asA.audit.list({ names: ["user.deactivated"] })).items).toEqual([]);

    const facets = await asA.audit.facets();
    expect(facets.names).not.toContain("user.deactivated");
    expect(facets.actors.map((actor) => actor.id)).not.toContain(bStaff.id);

    expect(await asA.audit.timeline({ entityType: "tenant", entityId: b.tenant.id })).toEqual([]);
    expect(await asA.audit.timeline({ entityType: "user", entityId: bStaff.id })).toEqual([]);

    const verification = await asA.audit.verify();
    expect(verification).toMatchObject({ ok: true, checked: aIds.size, lastSeq: aIds.size });

    // Row-level security is the backstop: in A's transaction, asking for B by id finds nothing.
    await withTenant(db, a.tenant.id, async (trx) => {
      expect((await listAuditEvents(trx, b.tenant.id, {})).items).toEqual([]);
      expect(await listEntityTimeline(trx, b.tenant.id, "user", bStaff.id, 10)).toEqual([]);
      expect(await auditFacets(trx, b.tenant.id)).toEqual({ names: [], entityTypes: [], actors: [] });
      expect(await verifyAuditChain(trx, b.tenant.id)).toMatchObject({ checked: 0, head: null });
    });
  });

  it("keeps the log from employees and IT staff, and the timeline from employees", async () => {
    const { tenant } = await createTestTenant(db);
    const staff = await createTestUser(db, tenant, "it_staff");
    const employee = await createTestUser(db, tenant, "employee");
    const auditor = await createTestUser(db, tenant, "auditor");
    expect(await codeOf(callerFor(staff).audit.list({}))).toBe("FORBIDDEN");
    expect(await codeOf(callerFor(staff).audit.verify())).toBe("FORBIDDEN");
    expect(await codeOf(callerFor(employee).audit.facets())).toBe("FORBIDDEN");
    expect(
      await codeOf(callerFor(employee).audit.timeline({ entityType: "tenant", entityId: tenant.id })),
    ).toBe("FORBIDDEN");
    expect(await codeOf(callerFor(auditor).audit.verify())).toBe("OK");
  });
});

describe("hash chain verification", () => {
  /**
   * Tampering as someone with database access would: the superuser, with triggers (including the
   * one refusing UPDATE/DELETE on events) switched off for this transaction only.
   */
  const tamper = (fn: (trx: Trx) => Promise<unknown>) =>
    withPlatform(db, async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await fn(trx);
    });

  async function tenantWithEvents(count: number) {
    const { tenant, admin } = await createTestTenant(db);
    await emitSettings(tenant.id, count - 2);
    const verify = () => callerFor(admin).audit.verify();
    return { tenant, admin, verify };
  }

  const deleteEvent = (trx: Trx, tenantId: string, seq: number) =>
    trx
      .selectFrom("events")
      .select("id")
      .where("tenant_id", "=", tenantId)
      .where("seq", "=", seq)
      .executeTakeFirstOrThrow()
      .then(async ({ id }) => {
        await trx.deleteFrom("event_deliveries").where("event_id", "=", id).execute();
        await trx.deleteFrom("events").where("id", "=", id).execute();
      });

  it("the application itself refuses to change or delete an event", async () => {
    const { tenant } = await tenantWithEvents(3);
    await expect(
      withPlatform(db, (trx) =>
        trx.updateTable("events").set({ name: "x.y" }).where("tenant_id", "=", tenant.id).execute(),
      ),
    ).rejects.toThrow(/immutable/);
  });

  it("reports an intact chain with how many events it checked, across batches", async () => {
    const { tenant, verify } = await tenantWithEvents(7);
    expect(await verify()).toMatchObject({ ok: true, checked: 7, lastSeq: 7, problems: [], problemCount: 0 });
    const batched = await withTenant(db, tenant.id, (trx) =>
      verifyAuditChain(trx, tenant.id, { batchSize: 2 }),
    );
    expect(batched).toMatchObject({ ok: true, checked: 7, head: { seq: 7 } });
    const empty = await withTenant(db, "00000000-0000-4000-8000-000000000001", (trx) =>
      verifyAuditChain(trx, "00000000-0000-4000-8000-000000000001"),
    );
    expect(empty).toMatchObject({ ok: true, checked: 0, lastSeq: null, head: null });
  });

  it("detects an edited event (its content no longer matches its hash)", async () => {
    const { tenant, verify } = await tenantWithEvents(6);
    await tamper((trx) =>
      trx
        .updateTable("events")
        .set({ data: JSON.stringify({ changes: { n: { before: 0, after: 999 } } }) })
        .where("tenant_id", "=", tenant.id)
        .where("seq", "=", 3)
        .execute(),
    );
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.checked).toBe(6);
    expect(result.problems).toEqual([
      { kind: "hash_mismatch", seq: 3, message: expect.stringContaining("Event 3") },
    ]);
  });

  it("detects a deleted event (a gap in the sequence), also at a batch boundary", async () => {
    const { tenant, verify } = await tenantWithEvents(6);
    await tamper((trx) => deleteEvent(trx, tenant.id, 4));
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.checked).toBe(5);
    expect(result.problems).toEqual([
      { kind: "seq_gap", seq: 4, message: expect.stringContaining("Event 4 is missing") },
    ]);
    const batched = await withTenant(db, tenant.id, (trx) =>
      verifyAuditChain(trx, tenant.id, { batchSize: 3 }),
    );
    expect(batched.problems).toEqual(result.problems);

    await tamper((trx) => deleteEvent(trx, tenant.id, 1));
    expect((await verify()).problems.map((p) => [p.kind, p.seq])).toEqual([
      ["seq_gap", 1],
      ["seq_gap", 4],
    ]);
  });

  it("detects an inserted or replaced event (it does not link to the one before)", async () => {
    const { tenant, verify } = await tenantWithEvents(6);
    const original = (await allEvents(tenant.id))[2];
    if (!original) throw new Error("missing event 3");
    // A forged event 3 with a self-consistent hash: only the chain link to event 4 gives it away.
    const forged = { ...original, id: crypto.randomUUID(), actor_label: "Someone else" };
    const hash = eventHash(forged.prev_hash, hashedFieldsOf(forged));
    await tamper(async (trx) => {
      await deleteEvent(trx, tenant.id, 3);
      await trx
        .insertInto("events")
        .values({ ...forged, data: JSON.stringify(forged.data), hash })
        .execute();
    });
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      {
        kind: "prev_hash_mismatch",
        seq: 4,
        message: expect.stringContaining("Event 4 does not follow event 3"),
      },
    ]);
  });

  it("detects reordered events", async () => {
    const { tenant, verify } = await tenantWithEvents(6);
    await tamper(async (trx) => {
      const at = (seq: number) =>
        trx.updateTable("events").where("tenant_id", "=", tenant.id).where("seq", "=", seq);
      await at(2).set({ seq: 1000 }).execute();
      await at(3).set({ seq: 2 }).execute();
      await at(1000).set({ seq: 3 }).execute();
    });
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({ seq: 2 });
    expect(result.problems.map((p) => `${p.kind}@${p.seq}`)).toEqual(
      expect.arrayContaining(["prev_hash_mismatch@2", "hash_mismatch@2", "hash_mismatch@3"]),
    );
  });

  it("detects events cut from or added to the end (the chain head disagrees)", async () => {
    const cut = await tenantWithEvents(5);
    await tamper((trx) => deleteEvent(trx, cut.tenant.id, 5));
    expect((await cut.verify()).problems).toEqual([
      { kind: "head_mismatch", seq: 5, message: expect.stringContaining("Event 5 is missing") },
    ]);

    const added = await tenantWithEvents(5);
    const last = (await allEvents(added.tenant.id)).at(-1);
    if (!last) throw new Error("missing event 5");
    const appended = { ...last, id: crypto.randomUUID(), seq: 6, prev_hash: last.hash };
    const hash = eventHash(appended.prev_hash, hashedFieldsOf(appended));
    await tamper((trx) =>
      trx
        .insertInto("events")
        .values({ ...appended, data: JSON.stringify(appended.data), hash })
        .execute(),
    );
    expect((await added.verify()).problems).toEqual([
      { kind: "head_mismatch", seq: 6, message: expect.stringContaining("not covered by the chain head") },
    ]);

    const replacedHead = await tenantWithEvents(4);
    await tamper((trx) =>
      trx
        .updateTable("event_chain_heads")
        .set({ hash: "f".repeat(64) })
        .where("tenant_id", "=", replacedHead.tenant.id)
        .execute(),
    );
    expect((await replacedHead.verify()).problems).toEqual([
      { kind: "head_mismatch", seq: 4, message: expect.stringContaining("Event 4") },
    ]);
  });

  it("reports the first problems and counts them all", async () => {
    const { tenant } = await tenantWithEvents(8);
    await tamper((trx) =>
      trx
        .updateTable("events")
        .set({ actor_label: "rewritten" })
        .where("tenant_id", "=", tenant.id)
        .where("seq", ">", 2)
        .execute(),
    );
    const result = await withTenant(db, tenant.id, (trx) =>
      verifyAuditChain(trx, tenant.id, { maxProblems: 2 }),
    );
    expect(result.problemCount).toBe(6);
    expect(result.problems.map((p) => p.seq)).toEqual([3, 4]);
  });
});

describe("CSV export", () => {
  async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
    let text = "";
    const decoder = new TextDecoder();
    const reader = stream.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      text += decoder.decode(chunk.value, { stream: true });
    }
    return text + decoder.decode();
  }

  it("streams the filtered log in batches with a header, quoting and formula guard", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const staff = await createTestUser(db, tenant, "it_staff");
    await emitSettings(tenant.id, 4, personActor(staff.id, '=HYPERLINK("x"), Sam'));
    const { filename, stream } = await exportAuditCsv(
      db,
      admin,
      { names: ["settings.changed"] },
      { batchSize: 3 },
    );
    const slug = (
      await withPlatform(db, (trx) =>
        trx.selectFrom("tenants").select("slug").where("id", "=", tenant.id).executeTakeFirstOrThrow(),
      )
    ).slug;
    expect(filename).toMatch(new RegExp(`^audit-${slug}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const lines = (await readAll(stream)).split("\r\n");
    expect(lines[0]).toBe("seq,occurred_at,event,actor_type,actor,entity_type,entity_id,data,hash");
    expect(lines.at(-1)).toBe("");
    const rows = lines.slice(1, -1);
    expect(rows.map((line) => line.split(",")[0])).toEqual(["6", "5", "4", "3"]);
    expect(rows[0]).toContain(`,settings.changed,user,"'=HYPERLINK(""x""), Sam",tenant,${tenant.id},`);
    expect(rows[0]).toMatch(
      /,"\{""changes"":\{""n"":\{(""after"":4,""before"":3|""before"":3,""after"":4)\}\}\}",[0-9a-f]{64}$/,
    );
  });

  it("is for admins and auditors only, and refuses nonsense filters", async () => {
    const { tenant, admin } = await createTestTenant(db);
    const staff = await createTestUser(db, tenant, "it_staff");
    const employee = await createTestUser(db, tenant, "employee");
    expect(await codeOf(exportAuditCsv(db, staff, {}))).toBe("FORBIDDEN");
    expect(await codeOf(exportAuditCsv(db, employee, {}))).toBe("FORBIDDEN");
    expect(await codeOf(exportAuditCsv(db, admin, { from: "yesterday" }))).toBe("BAD_REQUEST");
  });
});
