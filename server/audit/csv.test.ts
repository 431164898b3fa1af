import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "./csv";

describe("CSV cells", () => {
  it("leaves plain text, numbers and empty values bare", () => {
    expect(csvCell("user.invited")).toBe("user.invited");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell("")).toBe("");
  });

  it("quotes commas, quotes and line breaks, doubling inner quotes", () => {
    expect(csvCell("Doe, Jane")).toBe('"Doe, Jane"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line one\nline two")).toBe('"line one\nline two"');
    expect(csvCell("a\r\nb")).toBe('"a\r\nb"');
    expect(csvCell('{"role":"admin","email":"a@b.test"}')).toBe(
      '"{""role"":""admin"",""email"":""a@b.test""}"',
    );
  });

  it("defuses cells a spreadsheet would run as a formula", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell("+1+1")).toBe("'+1+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell("\r=1")).toBe('"\'\r=1"');
    expect(csvCell("a=b")).toBe("a=b");
    // numbers are written by us, never text from a user, and stay numbers
    expect(csvCell(-3)).toBe("-3");
  });
});

describe("CSV cells from any stored value", () => {
  it("replaces control characters and broken surrogates, keeping tabs and line breaks", () => {
    expect(csvCell("a\u0000b")).toBe("a\uFFFDb");
    expect(csvCell("bell\u0007 esc\u001b[31m del\u007f")).toBe("bell\uFFFD esc\uFFFD[31m del\uFFFD");
    expect(csvCell("half \ud800 pair")).toBe("half \uFFFD pair");
    expect(csvCell("emoji \ud83d\ude00")).toBe("emoji \ud83d\ude00");
    expect(csvCell("tab\tinside")).toBe("tab\tinside");
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
  });

  it("writes objects as JSON and dates as ISO 8601, never [object Object]", () => {
    expect(csvCell({ ram: "16 GB" })).toBe('"{""ram"":""16 GB""}"');
    expect(csvCell(["a", "b"])).toBe('"[""a"",""b""]"');
    expect(csvCell(new Date("2026-01-31T10:00:00Z"))).toBe("2026-01-31T10:00:00.000Z");
    expect(csvCell(12n)).toBe("12");
  });
});

describe("CSV rows", () => {
  it("joins cells with commas and ends with CRLF", () => {
    expect(csvRow(["seq", 1, "Doe, Jane", null])).toBe('seq,1,"Doe, Jane",\r\n');
  });

  it("round-trips through a strict RFC 4180 reader", () => {
    const values = ["plain", 'with "quotes"', "comma,inside", "multi\nline", "=1+2", ""];
    expect(parseCsvLine(csvRow(values))).toEqual([
      "plain",
      'with "quotes"',
      "comma,inside",
      "multi\nline",
      "'=1+2",
      "",
    ]);
  });
});

/** A minimal RFC 4180 reader for one record, written independently of the writer above. */
function parseCsvLine(text: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      fields.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      fields.push(field);
      return fields;
    } else field += char;
  }
  throw new Error("record did not end with CRLF");
}
