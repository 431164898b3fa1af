/**
 * RFC 4180 CSV, safe to open in a spreadsheet: fields holding a quote, comma or line break are
 * quoted (quotes doubled), rows end in CRLF, and a text cell a spreadsheet would read as a formula
 * (= + - @, or a leading tab / carriage return) is prefixed with a single quote.
 *
 * Any stored value gives a well-formed cell, whatever it holds: control characters other than tab
 * and line breaks (which break spreadsheet imports and terminals) and half surrogate pairs become
 * U+FFFD, objects (a JSON custom field) are written as JSON, dates as ISO 8601.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;
const UNPRINTABLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export type CsvValue = string | number | boolean | bigint | Date | object | null | undefined;

function cellText(value: Exclude<CsvValue, null | undefined>): string {
  if (typeof value === "string") return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString();
  if (typeof value === "object") return JSON.stringify(value) ?? "";
  return String(value);
}

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean")
    return String(value);
  const printable = cellText(value).replace(UNPRINTABLE, "\uFFFD");
  const text = FORMULA_START.test(printable) ? `'${printable}` : printable;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
