import { expect, it } from "vitest";
import { parseAmount, parseDay } from "./values";

it.each([
  ["2026-01-31", "2026-01-31"],
  ["2026/1/5", "2026-01-05"],
  ["2026-01-31T00:00:00Z", "2026-01-31"],
  ["2026-02-30", null],
  ["31/01/2026", null],
  ["01/31/2026", null],
  ["next week", null],
])("parseDay(%s) = %s", (text, expected) => {
  expect(parseDay(text)).toBe(expected);
});

it.each([
  ["1299", "1299.00"],
  ["1,299.50", "1299.50"],
  ["1.299,50", "1299.50"],
  ["$1 299,5", "1299.50"],
  ["1299,00 EUR", "1299.00"],
  ["1,299", "1299.00"],
  ["-5", null],
  ["abc", null],
  ["", null],
])("parseAmount(%s) = %s", (text, expected) => {
  expect(parseAmount(text)).toBe(expected);
});
