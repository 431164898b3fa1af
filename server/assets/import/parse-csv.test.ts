import { describe, expect, it } from "vitest";
import { parseCsv } from "./parse-csv";

describe("parseCsv", () => {
  it("drops a byte order mark and guesses the semicolon", () => {
    const parsed = parseCsv("\uFEFFAsset Tag;Name\r\nA1;Laptop, 14 inch\r\n");
    expect(parsed).toMatchObject({
      delimiter: ";",
      headers: ["Asset Tag", "Name"],
      records: [{ line: 2, values: ["A1", "Laptop, 14 inch"] }],
      errors: [],
    });
  });

  it("keeps quoted delimiters, doubled quotes and line breaks, and counts lines as the file has them", () => {
    const parsed = parseCsv('Tag,Notes\nA1,"one\ntwo, ""three"""\nA2,x\n');
    expect(parsed.records).toEqual([
      { line: 2, values: ["A1", 'one\ntwo, "three"'] },
      { line: 4, values: ["A2", "x"] },
    ]);
  });

  it("skips blank lines and lines of empty cells", () => {
    const parsed = parseCsv("Tag,Name\n\nA1,Laptop\n,\n  \nA2,Mouse");
    expect(parsed.records.map((record) => [record.line, record.values[0]])).toEqual([
      [3, "A1"],
      [6, "A2"],
    ]);
  });

  it("reports an unterminated quote on the line it starts", () => {
    const parsed = parseCsv('Tag,Name\nA1,ok\nA2,"never closed\nA3,x');
    expect(parsed.errors).toEqual([{ line: 3, message: "Quoted field unterminated" }]);
  });

  it("reads a one-column file without complaining about its delimiter", () => {
    expect(parseCsv("Tag\nA1\nA2")).toMatchObject({ headers: ["Tag"], errors: [] });
  });

  it.each([
    ["Tag;Name;Cost\nA1;Laptop, big;1,5", ";"],
    ["Tag,Name,Cost\nA1,Laptop; big,1", ","],
    ['"Tag;x",Name\nA1,b', ","],
    ["\n\nTag;Name\n", ";"],
  ])("takes the delimiter from the header line: %j -> %s", (text, delimiter) => {
    expect(parseCsv(text).delimiter).toBe(delimiter);
  });
});
