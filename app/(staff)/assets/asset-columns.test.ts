import { describe, expect, it } from "vitest";
import { defaultColumns, parseColumns } from "./asset-columns";

describe("parseColumns", () => {
  it("keeps the chosen columns in the table's order", () => {
    expect(parseColumns(JSON.stringify(["added", "cost", "status"]))).toEqual(["status", "cost", "added"]);
  });

  it("falls back to the defaults for nothing stored or anything unreadable", () => {
    expect(parseColumns(null)).toEqual(defaultColumns);
    expect(parseColumns("{not json")).toEqual(defaultColumns);
    expect(parseColumns('{"status":true}')).toEqual(defaultColumns);
  });

  it("drops names it does not know, and allows hiding every optional column", () => {
    expect(parseColumns(JSON.stringify(["retired_column", "location"]))).toEqual(["location"]);
    expect(parseColumns("[]")).toEqual([]);
  });
});
