/**
 * RFC 4180 CSV, safe to open in a spreadsheet: fields holding a quote, comma or line break are
 * quoted (quotes doubled), rows end in CRLF, and a text cell a spreadsheet would read as a formula
 * (= + - @, or a leading tab / carriage return) is prefixed with a single quote.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | boolean | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
