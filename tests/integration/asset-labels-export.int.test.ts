import { inflateSync } from "node:zlib";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db";
import { printAssetLabels } from "@/server/assets/labels/services/print-asset-labels";
import { exportAssetsCsv } from "@/server/assets/list/services/export-assets-csv";
import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

let handle: DatabaseHandle;
let db: Db;
let staff: TestUser;
let auditor: TestUser;
let fixtures: Awaited<ReturnType<typeof createAssetFixtures>>;
const created: Array<{ id: string; tag: string }> = [];

beforeAll(async () => {
  handle = await useTestDatabase();
  db = handle.db;
  const { tenant } = await createTestTenant(db);
  staff = await createTestUser(db, tenant, "it_staff");
  auditor = await createTestUser(db, tenant, "auditor");
  fixtures = await createAssetFixtures(db, tenant.id);
  for (let i = 0; i < 33; i++) {
    const name = i === 0 ? '=HYPERLINK("http://evil.test","click")' : `Laptop ${i}, "quoted"`;
    created.push(await createTestAsset(db, staff, fixtures.categoryId, { name }));
  }
});
afterAll(() => handle.close());

/**
 * The text a PDF draws: every stream inflated, every hex string (how pdf-lib writes text) decoded.
 * pdf-lib writes "stream\n" and "\nendstream" exactly; a compressed stream may itself end in "\r".
 */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const raw = Buffer.from(bytes).toString("latin1");
  const texts: string[] = [];
  for (const match of raw.matchAll(/stream\n([\s\S]*?)\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1] ?? "", "latin1")).toString("latin1");
    } catch {
      content = match[1] ?? "";
    }
    for (const hex of content.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g))
      texts.push(Buffer.from(hex[1] ?? "", "hex").toString("latin1"));
  }
  return texts.join("\n");
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => "OK",
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );

describe("asset labels", () => {
  it("prints one page per 30 Avery 5160 labels, with every tag", async () => {
    const { bytes, count } = await printAssetLabels(db, staff, {
      size: "avery-5160",
      filters: { sort: "tag", dir: "asc" },
    });
    expect(count).toBe(33);
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(2);
    expect(pdf.getPage(0).getSize()).toEqual({ width: 612, height: 792 });
    const text = await pdfText(bytes);
    for (const asset of created) expect(text).toContain(asset.tag);
  });

  it("prints the chosen assets on a roll, one label per page", async () => {
    const chosen = created.slice(0, 3);
    const { bytes } = await printAssetLabels(db, staff, {
      size: "dymo-30252",
      ids: chosen.map((asset) => asset.id),
    });
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(3);
    const text = await pdfText(bytes);
    expect(text.split("\n").filter((line) => line.startsWith("AST-"))).toEqual(
      chosen.map((asset) => asset.tag),
    );
    expect(text).not.toContain(created[5]?.tag);
  });

  it("is for admins and IT staff, and refuses unknown sizes", async () => {
    expect(await refusal(printAssetLabels(db, auditor, { size: "avery-5160" }))).toBe("FORBIDDEN");
    expect(await refusal(printAssetLabels(db, staff, { size: "avery-9999" }))).toBe("BAD_REQUEST");
  });
});

describe("asset CSV export", () => {
  const read = async (filters: Record<string, unknown>, user: TestUser = auditor) => {
    const { stream, filename } = await exportAssetsCsv(db, user, filters, { batchSize: 5 });
    return { filename, text: await new Response(stream).text() };
  };

  it("streams every matching row in keyset batches, safe to open in a spreadsheet", async () => {
    const { text, filename } = await read({ sort: "tag", dir: "asc" });
    expect(filename).toMatch(/^assets-.+-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(
      /^Asset Tag,Name,Serial Number,Category,Model,Manufacturer,Status,Location,Assigned To,/,
    );
    expect(lines).toHaveLength(34);
    const tags = lines.slice(1).map((line) => line.split(",")[0]);
    expect(tags).toEqual(created.map((asset) => asset.tag).sort());
    expect(text).toContain(`'=HYPERLINK(""http://evil.test"",""click"")"`);
    expect(text).toContain('"Laptop 1, ""quoted"""');
  });

  it("applies the list's filters and sort", async () => {
    const target = created[7];
    const { text } = await read({ q: target?.tag, sort: "created", dir: "desc" });
    expect(
      text
        .trimEnd()
        .split("\r\n")
        .slice(1)
        .map((line) => line.split(",")[0]),
    ).toEqual([target?.tag]);
    const newestFirst = (await read({ sort: "created", dir: "desc" })).text.trimEnd().split("\r\n").slice(1);
    expect(newestFirst.map((line) => line.split(",")[0])).toEqual(
      created.map((asset) => asset.tag).reverse(),
    );
  });

  it("refuses employees", async () => {
    const employee = await createTestUser(db, { id: staff.tenantId, name: staff.tenantName }, "employee");
    expect(await refusal(exportAssetsCsv(db, employee, {}))).toBe("FORBIDDEN");
  });
});
