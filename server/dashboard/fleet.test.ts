import { describe, expect, it } from "vitest";
import { activityWeeks, centsToMoney, type FleetGroup, fillActivityWeeks, summarizeFleet } from "./fleet";

const group = (overrides: Partial<FleetGroup>): FleetGroup => ({
  kind: "in_stock",
  categoryId: "laptops",
  categoryName: "Laptops",
  count: 1,
  costCents: 0,
  bookCents: 0,
  warrantyExpiring: 0,
  ...overrides,
});

describe("summarizeFleet", () => {
  it("counts every kind but disposed, in lifecycle order, and sets the disposed apart", () => {
    const overview = summarizeFleet([
      group({ kind: "assigned", count: 5, costCents: 500_00, bookCents: 250_00 }),
      group({ kind: "assigned", categoryId: "phones", categoryName: "Phones", count: 2 }),
      group({ kind: "lost", count: 1, costCents: 1_99 }),
      group({ kind: "disposed", count: 7, costCents: 9_999_00, bookCents: 9_00, warrantyExpiring: 3 }),
    ]);
    expect(overview.total).toBe(8);
    expect(overview.disposed).toBe(7);
    expect(overview.byKind).toEqual([
      { kind: "on_order", count: 0 },
      { kind: "in_stock", count: 0 },
      { kind: "assigned", count: 7 },
      { kind: "in_repair", count: 0 },
      { kind: "lost", count: 1 },
      { kind: "stolen", count: 0 },
      { kind: "retired", count: 0 },
    ]);
    expect(overview.purchaseCost).toBe("501.99");
    expect(overview.bookValue).toBe("250.00");
    expect(overview.warrantyExpiring).toBe(0);
  });

  it("counts warranty deadlines of assets in service only", () => {
    const overview = summarizeFleet([
      group({ kind: "on_order", warrantyExpiring: 1 }),
      group({ kind: "in_repair", warrantyExpiring: 2 }),
      group({ kind: "stolen", warrantyExpiring: 4 }),
      group({ kind: "retired", warrantyExpiring: 8 }),
    ]);
    expect(overview.warrantyExpiring).toBe(3);
  });

  it("shows the eight largest categories and groups the rest as Other", () => {
    const groups = Array.from({ length: 11 }, (_, i) =>
      group({ categoryId: `c${i}`, categoryName: `Category ${String.fromCharCode(65 + i)}`, count: 20 - i }),
    );
    const { byCategory } = summarizeFleet(groups);
    expect(byCategory.map((c) => c.name)).toEqual([
      "Category A",
      "Category B",
      "Category C",
      "Category D",
      "Category E",
      "Category F",
      "Category G",
      "Category H",
      "Other",
    ]);
    expect(byCategory.at(-1)).toEqual({ id: null, name: "Other", count: 12 + 11 + 10 });
  });

  it("names a ninth category rather than hiding it alone in Other; ties go alphabetically", () => {
    const groups = Array.from({ length: 9 }, (_, i) =>
      group({ categoryId: `c${i}`, categoryName: `Category ${9 - i}`, count: 1 }),
    );
    const { byCategory } = summarizeFleet(groups);
    expect(byCategory).toHaveLength(9);
    expect(byCategory[0]?.name).toBe("Category 1");
    expect(byCategory.some((c) => c.id === null)).toBe(false);
  });
});

describe("money", () => {
  it("writes whole cents as a decimal string", () => {
    expect(centsToMoney(0)).toBe("0.00");
    expect(centsToMoney(5)).toBe("0.05");
    expect(centsToMoney(123_456_789_01)).toBe("123456789.01");
  });
});

describe("activity weeks", () => {
  it("ends with this week's Monday (UTC), oldest first", () => {
    // Sunday 2026-11-29 23:30 UTC is still in the week of Monday 2026-11-23
    expect(activityWeeks(new Date("2026-11-29T23:30:00Z"), 3)).toEqual([
      "2026-11-09",
      "2026-11-16",
      "2026-11-23",
    ]);
    expect(activityWeeks(new Date("2026-11-30T00:00:00Z"), 1)).toEqual(["2026-11-30"]);
    expect(activityWeeks(new Date("2026-11-24T12:00:00Z"))).toHaveLength(12);
  });

  it("fills the weeks without activity with zeros", () => {
    const weeks = ["2026-11-16", "2026-11-23"];
    expect(
      fillActivityWeeks(weeks, [
        { weekStart: "2026-11-23", type: "assignment", count: 3 },
        { weekStart: "2026-11-23", type: "retire", count: 1 },
      ]),
    ).toEqual([
      { weekStart: "2026-11-16", assignment: 0, return: 0, repair_start: 0, retire: 0 },
      { weekStart: "2026-11-23", assignment: 3, return: 0, repair_start: 0, retire: 1 },
    ]);
  });
});
