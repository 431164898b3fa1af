import { expect, it } from "vitest";
import { bookValue } from "./depreciation";
import { BOOK_VALUE_TODAY, bookValueCases } from "./depreciation.cases";

const today = new Date(`${BOOK_VALUE_TODAY}T12:00:00Z`);

it.each(bookValueCases)("cost $cost bought $purchased over $months months is worth $value", (item) => {
  expect(bookValue(item.cost, item.purchased, item.months, today)).toBe(item.value);
});

it("without a purchase date or depreciation period the book value is the cost", () => {
  expect(bookValue("500", null, 36, today)).toBe(500);
  expect(bookValue("500", "2020-01-01", null, today)).toBe(500);
  expect(bookValue(null, "2020-01-01", 36, today)).toBeNull();
});
