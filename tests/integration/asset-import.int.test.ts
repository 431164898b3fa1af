import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { getImport, importProblemsPage } from "@/server/assets/import/queries";
import { confirmAssetImport } from "@/server/assets/import/services/confirm-asset-import";
import { importValidRows } from "@/server/assets/import/services/import-valid-rows";
import { planValidOnlyImport } from "@/server/assets/import/services/plan-valid-only-import";
import { verifyAuditChain } from "@/server/audit/services/verify-audit-chain";
import { type Db, withPlatform, withTenant } from "@/server/db";
import { AppError } from "@/server/errors";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { confirmAndRun, dryRunImport, importRunOf } from "../factories/imports";
import { asUser, createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
let staff: TestUser;
let fixtures: Awaited<ReturnType<typeof createAssetFixtures>>;
let category: string;
let location: string;
let janeEmail: string;

beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
  const { tenant } = await createTestTenant(db);
  staff = await createTestUser(db, tenant, "it_staff");
  fixtures = await createAssetFixtures(db, tenant.id);
  category = fixtures.categoryName;
  await withPlatform(db, async (trx) => {
    const jane = await trx
      .selectFrom("employees")
      .select("work_email")
      .where("id", "=", fixtures.jane.id)
      .executeTakeFirstOrThrow();
    janeEmail = jane.work_email ?? "";
    location = `Store ${randomUUID().slice(0, 6)}`;
    await trx
      .insertInto("locations")
      .values({ tenant_id: tenant.id, name: location, kind: "site" })
      .execute();
    await trx
      .insertInto("custom_field_definitions")
      .values({
        tenant_id: tenant.id,
        category_id: fixtures.categoryId,
        key: "ram_gb",
        label: "RAM (GB)",
        type: "number",
      })
      .execute();
  });
}, 120_000);
afterAll(() => handle.close());

const unique = () => randomUUID().slice(0, 8).toUpperCase();
/** Who wrote each event about `entityId`, and why. */
const causationOf = (entityId: string) =>
  withTenant(db, staff.tenantId, (trx) =>
    trx
      .selectFrom("events")
      .select(["id", "name", "actor_type", "actor_label", "caused_by", "correlation_id", "cause_function_id"])
      .where("entity_id", "=", entityId)
      .orderBy("seq")
      .execute(),
  );
const assetsTagged = (tags: string[]) =>
  withTenant(db, staff.tenantId, (trx) =>
    trx
      .selectFrom("assets")
      .leftJoin("statuses", "statuses.id", "assets.status_id")
      .select([
        "assets.id",
        "assets.tag",
        "assets.notes",
        "assets.cost",
        "assets.employee_id",
        "statuses.kind",
        "assets.custom_fields",
      ])
      .where("assets.tag", "in", tags)
      .orderBy("assets.tag")
      .execute(),
  );
const countOf = (table: "assets" | "events") =>
  withTenant(db, staff.tenantId, (trx) =>
    trx
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow()
      .then((row) => Number(row.n)),
  );
const problemsOf = async (importId: string) =>
  (
    await withTenant(db, staff.tenantId, (trx) =>
      importProblemsPage(trx, staff.tenantId, { importId, page: 1, pageSize: 200 }),
    )
  ).items;

describe("CSV import", () => {
  it("reads a BOM, semicolons, quoted line breaks and blank lines, and writes assets with their history", async () => {
    const [a, b] = [`IMP-${unique()}`, `IMP-${unique()}`];
    const csv = [
      `\uFEFFAsset Tag;Name;Serial Number;Category;Status;Location;Assigned To;Purchase Date;Cost;Warranty End;RAM (GB);Notes`,
      `${a};MacBook Pro;SN-${a};${category};;${location};${janeEmail};2026-01-15;1.299,00;2029-01-15;16;"first line\r\nsecond; ""quoted"""`,
      "",
      ";;;;;;;;;;;",
      `${b};ThinkPad;SN-${b};${category};In stock;${location};;2026-02-01;899;;;`,
      "",
    ].join("\r\n");
    const dryRun = await dryRunImport(db, staff, csv);
    expect(dryRun).toMatchObject({
      delimiter: ";",
      totalRows: 2,
      validRows: 2,
      problemCount: 0,
      status: "validated",
    });
    expect(dryRun.columns).toEqual([
      "tag",
      "name",
      "serial",
      "category",
      "status",
      "location",
      "employee",
      "purchaseDate",
      "cost",
      "warrantyEnd",
      "custom:ram_gb",
      "notes",
    ]);
    expect(await assetsTagged([a, b])).toEqual([]);

    const run = await confirmAndRun(db, staff, dryRun.id, "valid_only");
    expect(run.error).toBeUndefined();
    const written = await assetsTagged([a, b]);
    const [first, second] = [
      written.find((asset) => asset.tag === a),
      written.find((asset) => asset.tag === b),
    ];
    expect(first).toMatchObject({
      tag: a,
      notes: 'first line\r\nsecond; "quoted"',
      cost: "1299.00",
      employee_id: fixtures.jane.id,
      kind: "assigned",
      custom_fields: { ram_gb: 16 },
    });
    expect(second).toMatchObject({ tag: b, kind: "in_stock", employee_id: null });
    const history = await withTenant(db, staff.tenantId, (trx) =>
      trx
        .selectFrom("asset_transactions")
        .select(["type", "event_id", "actor_label"])
        .where("asset_id", "=", first?.id ?? "")
        .orderBy("type", "desc")
        .execute(),
    );
    expect(history.map((entry) => entry.type)).toEqual(["purchase", "assignment"]);
    expect(history.every((entry) => entry.event_id !== null)).toBe(true);
    expect(history.map((entry) => entry.actor_label)).toEqual([
      "Automation: Import assets from CSV",
      "Automation: Import assets from CSV",
    ]);

    // The person confirmed (a root event); the import function wrote the assets because of it.
    const importEvents = await causationOf(dryRun.id);
    const confirmed = importEvents.find((event) => event.name === "asset_import.confirmed");
    expect(confirmed).toMatchObject({ actor_type: "user", caused_by: null, correlation_id: confirmed?.id });
    const byTheImport = {
      actor_type: "system",
      actor_label: "Automation: Import assets from CSV",
      caused_by: confirmed?.id,
      correlation_id: confirmed?.id,
      cause_function_id: "assetronics-import-assets",
    };
    expect(importEvents.at(-1)).toMatchObject({ name: "asset_import.completed", ...byTheImport });
    expect(await causationOf(first?.id ?? "")).toEqual([
      expect.objectContaining({ name: "asset.created", ...byTheImport }),
      expect.objectContaining({ name: "asset.assigned", ...byTheImport }),
    ]);
    expect(
      await withTenant(db, staff.tenantId, (trx) => getImport(trx, staff.tenantId, dryRun.id)),
    ).toMatchObject({
      status: "completed",
      importedRows: 2,
      processedRows: 2,
    });
  });

  it("reports every row's problems by file line, and the dry run writes nothing", async () => {
    const existing = await createTestAsset(db, staff, fixtures.categoryId);
    const t = unique();
    const csv = [
      "Asset Tag,Name,Category,Status,Assigned To,Purchase Date,Cost,RAM (GB)",
      `T1-${t},Good,${category},,,2026-01-01,10,8`,
      `T1-${t},Same tag again,${category},,,,,`,
      `${existing.tag},Taken tag,${category},,,,,`,
      `T4-${t},Nobody,${category},,nobody-${t}@example.test,,,`,
      `T5-${t},Bad date,${category},,,31/01/2026,,`,
      `T6-${t},"Multi`,
      `line name",No such category,,,,,`,
      `T7-${t},Assigned to no one,${category},Assigned,,,,`,
      `T8-${t},Stock but assigned,${category},In stock,${janeEmail},,,`,
      `T9-${t},Bad cost and field,${category},,,,ten,lots`,
    ].join("\n");
    const before = await countOf("assets");
    const dryRun = await dryRunImport(db, staff, csv);
    expect(dryRun).toMatchObject({ totalRows: 9, validRows: 1 });
    const problems = (await problemsOf(dryRun.id)).map((p) => [p.line, p.column, p.code]);
    expect(problems).toEqual([
      [3, "Asset Tag", "duplicate_in_file"],
      [4, "Asset Tag", "duplicate_existing"],
      [5, "Assigned To", "unknown_employee"],
      [6, "Purchase Date", "bad_date"],
      [7, "Category", "unknown_reference"],
      [9, "Status", "assignment_mismatch"],
      [10, "Status", "assignment_mismatch"],
      [11, "Cost", "bad_number"],
      [11, "RAM (GB)", "custom_field"],
    ]);
    expect(dryRun.problemsByCode).toMatchObject({ assignment_mismatch: 2, duplicate_in_file: 1 });
    expect(await countOf("assets")).toBe(before);
  });

  it("all or nothing: refused when the dry run found problems, and rolled back when a row goes bad meanwhile", async () => {
    const t = unique();
    const bad = await dryRunImport(db, staff, `Tag,Name,Category\nA-${t},Fine,${category}\nB-${t},Bad,Nope`);
    const refused = await asUser(db, staff, (ctx) =>
      confirmAssetImport(ctx, { importId: bad.id, mode: "all_or_nothing" }),
    ).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).message).toMatch(/1 row has problems/);

    const tags = [`C-${t}`, `D-${t}`, `E-${t}`];
    const good = await dryRunImport(
      db,
      staff,
      `Tag,Name,Category\n${tags.map((tag) => `${tag},Laptop,${category}`).join("\n")}`,
    );
    expect(good.validRows).toBe(3);
    await createTestAsset(db, staff, fixtures.categoryId, { tag: `E-${t}` });
    const [assetsBefore, eventsBefore] = [await countOf("assets"), await countOf("events")];
    await confirmAndRun(db, staff, good.id, "all_or_nothing");
    const result = await withTenant(db, staff.tenantId, (trx) => getImport(trx, staff.tenantId, good.id));
    expect(result).toMatchObject({
      status: "failed",
      importedRows: 0,
      error: "1 row has problems, so nothing was imported.",
    });
    expect((await problemsOf(good.id)).map((p) => [p.line, p.code])).toEqual([[4, "duplicate_existing"]]);
    expect(await countOf("assets")).toBe(assetsBefore);
    // only the confirmation and the completion (failed) events were added
    expect(await countOf("events")).toBe(eventsBefore + 2);
  });

  it("valid only: writes the valid rows, reports the rest, generates tags and resumes without writing twice", async () => {
    const t = unique();
    const csv = [
      "Tag,Name,Serial,Category",
      `,Untagged one,S1-${t},${category}`,
      `V-${t},Tagged,S2-${t},${category}`,
      `,Bad,S3-${t},Nope`,
      `,Untagged two,S4-${t},${category}`,
    ].join("\n");
    const dryRun = await dryRunImport(db, staff, csv);
    await asUser(db, staff, (ctx) => confirmAssetImport(ctx, { importId: dryRun.id, mode: "valid_only" }));
    const run = await importRunOf(db, staff.tenantId, dryRun.id);
    const plan = await planValidOnlyImport(db, run);
    expect(plan).toEqual({ steps: 1, validRows: 3 });
    expect(await importValidRows(db, run, 0)).toEqual({ imported: 3, stopped: false });
    // the same step again (a restart before the step was recorded) writes nothing
    expect(await importValidRows(db, run, 0)).toEqual({ imported: 0, stopped: false });
    const written = await withTenant(db, staff.tenantId, (trx) =>
      trx
        .selectFrom("assets")
        .select(["tag", "serial"])
        .where("serial", "like", `%-${t}`)
        .orderBy("serial")
        .execute(),
    );
    expect(written.map((asset) => asset.serial)).toEqual([`S1-${t}`, `S2-${t}`, `S4-${t}`]);
    expect(written[0]?.tag).toMatch(/^AST-\d{6}$/);
    expect((await problemsOf(dryRun.id)).map((p) => [p.line, p.code])).toEqual([[4, "unknown_reference"]]);
  });

  it("keeps the audit chain intact", async () => {
    const result = await withTenant(db, staff.tenantId, (trx) => verifyAuditChain(trx, staff.tenantId));
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("another tenant sees neither the import nor the data it references", async () => {
    const other = await createTestTenant(db);
    const otherStaff = await createTestUser(db, other.tenant, "admin");
    await createAssetFixtures(db, other.tenant.id);
    const mine = await dryRunImport(db, staff, `Tag,Name,Category\nX-${unique()},Laptop,${category}`);
    const theirs = await asUser(db, otherStaff, (ctx) => getImport(ctx.db, ctx.tenantId, mine.id)).catch(
      (error: unknown) => error,
    );
    expect((theirs as AppError).code).toBe("NOT_FOUND");
    const attempt = await dryRunImport(
      db,
      otherStaff,
      `Tag,Name,Category,Assigned To\nY-${unique()},Laptop,${category},${janeEmail}`,
    );
    expect(
      (
        await withTenant(db, other.tenant.id, (trx) =>
          importProblemsPage(trx, other.tenant.id, { importId: attempt.id, page: 1, pageSize: 10 }),
        )
      ).items.map((p) => p.code),
    ).toEqual(["unknown_reference", "unknown_employee"]);
  });

  it("imports 50,000 rows", { timeout: 600_000 }, async () => {
    const t = unique();
    const lines = ["Asset Tag,Name,Serial Number,Category,Assigned To,Purchase Date,Cost"];
    for (let i = 0; i < 50_000; i++) {
      lines.push(
        `BULK-${t}-${i},Laptop ${i},BSN-${t}-${i},${category},${i % 10 === 0 ? janeEmail : ""},2026-01-15,1299.00`,
      );
    }
    const dryRun = await dryRunImport(db, staff, lines.join("\n"));
    expect(dryRun).toMatchObject({ totalRows: 50_000, validRows: 50_000, problemCount: 0 });
    await confirmAndRun(db, staff, dryRun.id, "valid_only");
    const result = await withTenant(db, staff.tenantId, (trx) => getImport(trx, staff.tenantId, dryRun.id));
    expect(result).toMatchObject({ status: "completed", importedRows: 50_000, processedRows: 50_000 });
    const count = await withTenant(db, staff.tenantId, (trx) =>
      trx
        .selectFrom("assets")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("tag", "like", `BULK-${t}-%`)
        .executeTakeFirstOrThrow(),
    );
    expect(Number(count.n)).toBe(50_000);
    const chain = await withTenant(db, staff.tenantId, (trx) => verifyAuditChain(trx, staff.tenantId));
    expect(chain.ok).toBe(true);
  });
});
