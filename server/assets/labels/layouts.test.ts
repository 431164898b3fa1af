import { describe, expect, it } from "vitest";
import { type LabelSize, labelLayouts, labelSizes, labelSlot, labelsPerPage, pageCount } from "./layouts";

const round = (value: number) => Math.round(value * 100) / 100;

describe("label layouts", () => {
  it.each([
    ["avery-5160", 30],
    ["avery-5163", 10],
    ["avery-l7160", 21],
    ["avery-l7163", 14],
    ["dymo-30252", 1],
    ["dymo-30334", 1],
  ] as const)("%s holds %i labels per page", (size, perPage) => {
    expect(labelsPerPage(labelLayouts[size])).toBe(perPage);
    expect(pageCount(labelLayouts[size], perPage)).toBe(1);
    expect(pageCount(labelLayouts[size], perPage + 1)).toBe(2);
    expect(pageCount(labelLayouts[size], 0)).toBe(0);
  });

  it("places Avery 5160 labels across, then down, then on the next page", () => {
    const layout = labelLayouts["avery-5160"];
    // first label: 3/16 in from the left, 1/2 in from the top of an 11 in page, 1 in tall
    expect(labelSlot(layout, 0)).toEqual({
      page: 0,
      column: 0,
      row: 0,
      x: 13.5,
      y: 792 - 36 - 72,
      width: 189,
      height: 72,
    });
    expect(labelSlot(layout, 2)).toMatchObject({ page: 0, column: 2, row: 0, x: 13.5 + 2 * 198 });
    expect(labelSlot(layout, 3)).toMatchObject({ page: 0, column: 0, row: 1, y: 792 - 36 - 144 });
    expect(labelSlot(layout, 29)).toMatchObject({ page: 0, column: 2, row: 9, y: 36 });
    expect(labelSlot(layout, 30)).toMatchObject({ page: 1, column: 0, row: 0 });
  });

  it.each(labelSizes)("%s keeps every label on the page, without overlaps", (size: LabelSize) => {
    const layout = labelLayouts[size];
    const slots = Array.from({ length: labelsPerPage(layout) }, (_, index) => labelSlot(layout, index));
    for (const slot of slots) {
      expect(round(slot.x)).toBeGreaterThanOrEqual(0);
      expect(round(slot.y)).toBeGreaterThanOrEqual(0);
      expect(round(slot.x + slot.width)).toBeLessThanOrEqual(round(layout.page.width));
      expect(round(slot.y + slot.height)).toBeLessThanOrEqual(round(layout.page.height));
    }
    for (const a of slots)
      for (const b of slots) {
        if (a === b) continue;
        const apart =
          round(a.x + a.width) <= round(b.x) ||
          round(b.x + b.width) <= round(a.x) ||
          round(a.y + a.height) <= round(b.y) ||
          round(b.y + b.height) <= round(a.y);
        expect(apart).toBe(true);
      }
  });

  it("centres A4 sheets: equal side margins", () => {
    const layout = labelLayouts["avery-l7160"];
    const last = labelSlot(layout, layout.columns - 1);
    expect(round(layout.page.width - (last.x + last.width))).toBeCloseTo(round(layout.margin.left), 1);
    const bottom = labelSlot(layout, labelsPerPage(layout) - 1);
    expect(round(bottom.y)).toBeCloseTo(round(layout.margin.top), 1);
  });
});
