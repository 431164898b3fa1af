import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { getAuditDetail } from "@/server/assets/audits/detail";
import { closeAudit } from "@/server/assets/audits/services/close-audit";
import { moveScannedAsset } from "@/server/assets/audits/services/move-scanned-asset";
import { scanAuditCode } from "@/server/assets/audits/services/scan-audit-code";
import { startAudit } from "@/server/assets/audits/services/start-audit";
import { verifyAuditChain } from "@/server/audit/services/verify-audit-chain";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { AppError } from "@/server/errors";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { asUser, createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
let staff: TestUser;
let fixtures: Awaited<ReturnType<typeof createAssetFixtures>>;
const places = {} as Record<"site" | "room" | "elsewhere", string>;

beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
  const { tenant } = await createTestTenant(db);
  staff = await createTestUser(db, tenant, "it_staff");
  fixtures = await createAssetFixtures(db, tenant.id);
  await withPlatform(db, async (trx) => {
    const insert = (name: string, kind: string, parentId: string | null) =>
      trx
        .insertInto("locations")
        .values({ tenant_id: tenant.id, name, kind, parent_id: parentId })
        .returning("id")
        .executeTakeFirstOrThrow()
        .then((row) => row.id);
    places.site = await insert(`Site ${randomUUID().slice(0, 6)}`, "site", null);
    places.room = await insert("Room 101", "room", places.site);
    places.elsewhere = await insert(`Other ${randomUUID().slice(0, 6)}`, "site", null);
  });
});
afterAll(() => handle.close());

const as = <T>(fn: Parameters<typeof asUser<T>>[2]) => asUser(db, staff, fn);
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );

describe("physical audit", () => {
  it("counts found, unexpected, unknown and missing, warns on duplicates, and closes with history and events", async () => {
    const atSite = await createTestAsset(db, staff, fixtures.categoryId, { locationId: places.site });
    const inRoom = await createTestAsset(db, staff, fixtures.categoryId, {
      locationId: places.room,
      serial: `ROOM-${randomUUID().slice(0, 6)}`,
    });
    const notScanned = await createTestAsset(db, staff, fixtures.categoryId, { locationId: places.room });
    const stray = await createTestAsset(db, staff, fixtures.categoryId, { locationId: places.elsewhere });
    const stray2 = await createTestAsset(db, staff, fixtures.categoryId, { locationId: places.elsewhere });

    const { id: auditId } = await as((ctx) => startAudit(ctx, { locationId: places.site }));
    expect(await failure(as((ctx) => startAudit(ctx, { locationId: places.site })))).toBe("CONFLICT");

    const scan = (code: string, moveUnexpected = false) =>
      as((ctx) => scanAuditCode(ctx, { auditId, code, moveUnexpected }));
    expect(await scan(atSite.tag.toLowerCase())).toMatchObject({
      outcome: "found",
      asset: { id: atSite.id },
    });
    const serial =
      (
        await withTenant(db, staff.tenantId, (trx) =>
          trx.selectFrom("assets").select("serial").where("id", "=", inRoom.id).executeTakeFirstOrThrow(),
        )
      ).serial ?? "";
    expect(await scan(serial)).toMatchObject({ outcome: "found", asset: { tag: inRoom.tag } });
    expect(await scan(`https://assets.example.test/assets/${stray.id}`)).toMatchObject({
      outcome: "unexpected",
      moved: false,
    });
    expect(await scan("NO-SUCH-TAG")).toMatchObject({ outcome: "unknown", asset: null });
    expect(await scan(atSite.tag)).toMatchObject({ outcome: "duplicate", previous: "found" });
    expect(await scan("no-such-tag")).toMatchObject({ outcome: "duplicate", previous: "unknown" });
    expect(await scan(stray2.tag, true)).toMatchObject({ outcome: "unexpected", moved: true });

    const live = await withTenant(db, staff.tenantId, (trx) => getAuditDetail(trx, staff.tenantId, auditId));
    // stray2 was moved here, so it is now expected (and scanned): not missing
    expect(live.counts).toEqual({ expected: 4, found: 2, missing: 1, unexpected: 2, unknown: 1 });
    expect(live.missing.map((asset) => asset.id)).toEqual([notScanned.id]);
    expect(live.unexpected.map((asset) => [asset.id, asset.moved]).sort()).toEqual(
      [
        [stray.id, false],
        [stray2.id, true],
      ].sort(),
    );

    await as((ctx) => moveScannedAsset(ctx, { auditId, assetId: stray.id }));
    expect(await failure(as((ctx) => moveScannedAsset(ctx, { auditId, assetId: atSite.id })))).toBe(
      "CONFLICT",
    );

    const counts = await as((ctx) => closeAudit(ctx, { auditId }));
    expect(counts).toEqual({ expected: 5, found: 2, missing: 1, unexpected: 2, unknown: 1 });
    expect(await failure(scan("ANOTHER"))).toBe("CONFLICT");
    expect(await failure(as((ctx) => closeAudit(ctx, { auditId })))).toBe("CONFLICT");

    const history = await withTenant(db, staff.tenantId, (trx) =>
      trx
        .selectFrom("asset_transactions")
        .select(["asset_id", "type", "from_location_id", "to_location_id", "event_id"])
        .where("type", "=", "audit")
        .where("asset_id", "in", [atSite.id, inRoom.id, notScanned.id, stray.id, stray2.id])
        .execute(),
    );
    expect(history.map((entry) => entry.asset_id).sort()).toEqual(
      [atSite.id, inRoom.id, stray.id, stray2.id].sort(),
    );
    expect(history.find((entry) => entry.asset_id === stray.id)).toMatchObject({
      from_location_id: places.elsewhere,
      to_location_id: places.site,
    });
    expect(history.every((entry) => entry.event_id !== null)).toBe(true);
    const events = await withTenant(db, staff.tenantId, (trx) =>
      trx
        .selectFrom("events")
        .select(["name", "entity_id", "data"])
        .where("name", "in", ["asset.reported_missing", "asset_audit.closed"])
        .execute(),
    );
    expect(
      events.filter((event) => event.name === "asset.reported_missing").map((event) => event.entity_id),
    ).toEqual([notScanned.id]);
    expect(events.find((event) => event.name === "asset_audit.closed")?.data).toMatchObject({
      found: 2,
      missing: 1,
    });

    const closed = await withTenant(db, staff.tenantId, (trx) =>
      getAuditDetail(trx, staff.tenantId, auditId),
    );
    expect(closed).toMatchObject({ status: "closed", counts: counts, missing: [{ id: notScanned.id }] });
    expect((await withTenant(db, staff.tenantId, (trx) => verifyAuditChain(trx, staff.tenantId))).ok).toBe(
      true,
    );
  });

  it("flags a disposed asset found at the audited location instead of counting it as found", async () => {
    const site = await withPlatform(db, (trx) =>
      trx
        .insertInto("locations")
        .values({ tenant_id: staff.tenantId, name: `Depot ${randomUUID().slice(0, 6)}`, kind: "site" })
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
    const kept = await createTestAsset(db, staff, fixtures.categoryId, { locationId: site.id });
    const gone = await createTestAsset(db, staff, fixtures.categoryId, { locationId: site.id });
    await withPlatform(db, (trx) =>
      trx
        .updateTable("assets")
        .set({ status_id: fixtures.statusOf("disposed") })
        .where("id", "=", gone.id)
        .execute(),
    );
    const { id: auditId } = await as((ctx) => startAudit(ctx, { locationId: site.id }));
    const scan = (code: string, moveUnexpected = false) =>
      as((ctx) => scanAuditCode(ctx, { auditId, code, moveUnexpected }));

    expect(await scan(gone.tag.toLowerCase(), true)).toMatchObject({
      outcome: "unexpected",
      moved: false,
      message: expect.stringContaining("recorded as disposed of"),
    });
    expect(await scan(kept.tag)).toMatchObject({ outcome: "found" });
    const live = await withTenant(db, staff.tenantId, (trx) => getAuditDetail(trx, staff.tenantId, auditId));
    expect(live.counts).toEqual({ expected: 1, found: 1, missing: 0, unexpected: 1, unknown: 0 });
  });

  it("is invisible to another tenant", async () => {
    const { id: auditId } = await as((ctx) => startAudit(ctx, { locationId: places.elsewhere }));
    const other = await createTestTenant(db);
    const outsider = await createTestUser(db, other.tenant, "it_staff");
    expect(await failure(asUser(db, outsider, (ctx) => scanAuditCode(ctx, { auditId, code: "X" })))).toBe(
      "NOT_FOUND",
    );
    expect(await failure(asUser(db, outsider, (ctx) => startAudit(ctx, { locationId: places.site })))).toBe(
      "UNPROCESSABLE",
    );
  });
});
