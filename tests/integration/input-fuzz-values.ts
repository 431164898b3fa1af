/**
 * The hostile values the input fuzz sends (input-fuzz.int.test.ts to procedures,
 * input-fuzz-routes.int.test.ts to route handlers): control characters, overlong text, huge or
 * negative numbers, malformed ids, impossible dates and wrong types.
 */
export const OVERLONG = "x".repeat(100_000);
export const badStrings = [
  "\u0000",
  "before\u0000after",
  "\u0001\u0002\u0003",
  "bell\u0007 escape\u001b[31m",
  "\u007f",
  "\ud800 lone surrogate",
  OVERLONG,
  "' or 1=1 --",
  "../../etc/passwd",
  "%00%0a",
];
export const badIds = [
  "------------------------------------",
  "../",
  "' or 1=1",
  "00000000-0000-0000-0000-00000000000g",
  "0000000-00000-0000-0000-000000000000",
  "\u0000".repeat(36),
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "00000000-0000-0000-0000-000000000000",
  OVERLONG,
];
export const badNumbers = [1e308, -1e308, 999999999999.999, 1e21, -1, 0, 1.5, 2 ** 53, Number.NaN, Infinity];
export const badDays = [
  "0000-01-01",
  "0000-02-29",
  "9999-12-31",
  "2026-02-30",
  "+275760-09-13",
  "\u00002026-01-01",
];
export const badDates = [new Date(8.64e15), new Date(-8.64e15), new Date(Number.NaN), new Date("0001-01-01")];
export const wrongTypes: unknown[] = [null, 42, true, "text", [], {}, { nested: { deep: "\u0000" } }];
export const rawJunk: unknown[] = [
  undefined,
  null,
  "junk\u0000",
  42,
  [],
  {},
  { "\u0000": 1 },
  OVERLONG,
  [OVERLONG],
];

/** A value as a failure message shows it: JSON, cut to 60 characters. */
export const describeValue = (value: unknown): string => {
  const text =
    typeof value === "string"
      ? JSON.stringify(value)
      : value instanceof Date
        ? `Date(${value.getTime()})`
        : String(JSON.stringify(value) ?? value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};
