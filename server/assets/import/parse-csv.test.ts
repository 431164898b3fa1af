import { describe, expect, it } from "vitest";
import { type CsvRecord, countCsvRecords, parseCsv, parseCsvInSlices, previewCsv } from "./parse-csv";

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

describe("parseCsvInSlices", () => {
  const files = {
    "quoted line breaks, doubled quotes, blank lines (LF)":
      'Tag,Notes\nA1,"one\ntwo, ""three"""\n\n,\nA2,"x\n\ny"\nA3,plain\n',
    "CRLF with a BOM and semicolons": '\uFEFFTag;Name\r\nA1;Laptop, 14\r\nA2;"a;b\r\nc"\r\n\r\nA3;z',
    "old Mac line ends": 'Tag,Name\rA1,x\rA2,"y\rz"\rA3,w',
    "an unterminated quote": 'Tag,Name\nA1,x\nA2,"never closed\nA3,y\nA4,z\n',
  };

  for (const [name, text] of Object.entries(files)) {
    it(`reads ${name} exactly as parseCsv does, whatever the slice size`, async () => {
      const whole = parseCsv(text);
      for (const sliceChars of [1, 2, 3, 5, 8, 13, 1000]) {
        const records: CsvRecord[] = [];
        const sliced = await parseCsvInSlices(text, { sliceChars }, (record) => {
          records.push(record);
        });
        expect({ ...sliced, records, sliceChars }).toEqual({ ...whole, sliceChars });
      }
    });
  }

  it("previews the header and first rows of a large file from its beginning only", () => {
    const text = `\uFEFFTag;Notes\n${Array.from({ length: 50_000 }, (_, i) => `A${i};"x\ny"`).join("\n")}`;
    const preview = previewCsv(text, 3);
    expect(preview).toMatchObject({ delimiter: ";", headers: ["Tag", "Notes"], errors: [] });
    expect(preview.records).toEqual([
      { line: 2, values: ["A0", "x\ny"] },
      { line: 4, values: ["A1", "x\ny"] },
      { line: 6, values: ["A2", "x\ny"] },
    ]);
  });

  it("counts the records of a file without parsing it", () => {
    expect(countCsvRecords("Tag,Name\nA1,x\nA2,y\n")).toBe(2);
    expect(countCsvRecords("Tag,Name\nA1,x\nA2,y")).toBe(2);
    expect(countCsvRecords('Tag,Notes\nA1,"a\nb"\nA2,y\n')).toBe(2);
    expect(countCsvRecords("Tag\r\nA1\r\n")).toBe(1);
    expect(countCsvRecords("Tag")).toBe(0);
  });

  it("stops counting at the first record past the limit, without reading the rest of the file", () => {
    expect(countCsvRecords("Tag\nA1\nA2\n", { stopAfter: 2 })).toBe(2);
    expect(countCsvRecords('Tag,Notes\nA1,"a\nb"\nA2,y\nA3,z\n', { stopAfter: 1 })).toBe(2);
    // 25 MB of rows: counted whole it takes tens of milliseconds, stopped after 10 next to nothing
    const huge = `Tag\n${"A1\n".repeat(8_000_000)}`;
    const started = performance.now();
    const whole = countCsvRecords(huge);
    const wholeMs = performance.now() - started;
    const stoppedAt = performance.now();
    expect(countCsvRecords(huge, { stopAfter: 10 })).toBe(11);
    expect(performance.now() - stoppedAt).toBeLessThan(wholeMs / 10);
    expect(whole).toBe(8_000_000);
  });
});
