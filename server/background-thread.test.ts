import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import type { ImportTarget } from "./assets/import/fields";
import { openRowCheck, type RowCheckChunk, type RowCheckSource } from "./assets/import/row-check";
import type { ImportLookups, ImportRow } from "./assets/import/validate-rows";
import { labelLayouts } from "./assets/labels/layouts";
import { backgroundThreadRunning, renderLabelSheetInBackground, startRowCheck } from "./background-thread";

const named = (id: string, name: string) => ({ id, name, archived: false });
const lookups: ImportLookups = {
  categories: new Map([["laptops", named("cat-1", "Laptops")]]),
  statuses: new Map([["in stock", { ...named("st-1", "In stock"), kind: "in_stock" as const }]]),
  defaultStatus: { in_stock: { ...named("st-1", "In stock"), kind: "in_stock" } },
  locations: new Map(),
  models: new Map(),
  employees: new Map(),
  customFields: new Map(),
  existingTags: new Set(["taken-1"]),
  existingSerials: new Map(),
};
const columns: Array<ImportTarget | null> = ["tag", "name", "category", "cost"];

/** A file with every kind of verdict: good rows, problems, a duplicate, a tag in use, a broken line. */
function file(rows: number): RowCheckSource {
  const lines = ["Asset Tag,Name,Category,Cost"];
  for (let i = 0; i < rows; i++) {
    if (i % 7 === 3) lines.push(`A-${i},,Phones,abc`);
    else if (i % 11 === 5) lines.push(`A-${i - 1},Laptop ${i},Laptops,1`);
    else lines.push(`A-${i},Laptop ${i},Laptops,"1,299.50"`);
  }
  lines.push("TAKEN-1,Old,Laptops,1", 'A-last,"never closed,Laptops,1');
  return { kind: "asset", content: lines.join("\n"), delimiter: ",", mapping: { headers: [], columns } };
}

async function allChunks(next: () => Promise<RowCheckChunk<ImportRow>>) {
  const chunks: RowCheckChunk<ImportRow>[] = [];
  for (;;) {
    const chunk = await next();
    chunks.push(chunk);
    if (chunk.done) return chunks;
  }
}

describe("the background thread", () => {
  it("starts the thread here, as the server does", async () => {
    expect(await backgroundThreadRunning()).toBe(true);
  });

  it("gives the verdicts of the same check run inline, in file order and in chunks", async () => {
    const source = file(2500);
    const check = await startRowCheck<ImportRow>(source);
    expect(check.total).toBe(2502);
    expect(await check.values("tag")).toContain("taken-1");
    await check.check(lookups, true);
    const chunks = await allChunks(() => check.next());
    await check.close();

    const inline = openRowCheck(source);
    inline.check(lookups, true);
    const expected = await allChunks(async () => inline.next() as RowCheckChunk<ImportRow>);
    expect(chunks).toEqual(expected);
    expect(chunks.length).toBeGreaterThan(2);

    const problems = chunks.flatMap((chunk) => chunk.problems);
    const lines = problems.map((problem) => problem.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(problems).toContainEqual(
      expect.objectContaining({ line: 5, code: "bad_number", value: "abc", column: "Cost" }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ line: 2502, code: "duplicate_existing", value: "TAKEN-1" }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ line: 2503, code: "parse" }));
    const rows = chunks.flatMap((chunk) => chunk.rows);
    expect(rows[0]).toMatchObject({ line: 2, tag: "A-0", cost: "1299.50", categoryId: "cat-1" });
    expect(chunks.at(-1)?.validRows).toBe(rows.length);
  });

  it("answers a check that was never opened with an error, and keeps serving others", async () => {
    const check = await startRowCheck<ImportRow>(file(10));
    await check.close();
    await expect(check.next()).rejects.toThrow(/no open check/);
    const other = await startRowCheck<ImportRow>(file(10));
    expect(other.total).toBe(12);
    await other.close();
  });

  it("renders a label sheet there: a PDF with a page per 30 labels", async () => {
    const assets = Array.from({ length: 61 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      tag: `AST-${i}`,
      name: `Laptop ${i}`,
    }));
    const bytes = await renderLabelSheetInBackground(
      labelLayouts["avery-5160"],
      assets,
      "http://localhost:3000",
    );
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(3);
    expect(pdf.getTitle()).toBe("Asset labels (61)");
  });
});
