import { describe, expect, it } from "vitest";
import { AppError } from "../../errors";
import { arrangeTree, assertCanContain, canContain, describeContents } from "./location-tree";

describe("canContain", () => {
  it("allows only kinds below the parent's", () => {
    expect(canContain("site", "building")).toBe(true);
    expect(canContain("site", "room")).toBe(true);
    expect(canContain("floor", "room")).toBe(true);
    expect(canContain("floor", "building")).toBe(false);
    expect(canContain("floor", "floor")).toBe(false);
    expect(canContain("room", "room")).toBe(false);
  });

  it("explains a refusal with what the parent can hold", () => {
    const refuse = () =>
      assertCanContain({ name: "Floor 3", kind: "floor" }, { name: "Annex", kind: "building" });
    expect(refuse).toThrow(AppError);
    expect(refuse).toThrow("Floor 3 is a floor; it can hold only a room, not the building Annex.");
    expect(() =>
      assertCanContain({ name: "Room 1", kind: "room" }, { name: "Closet", kind: "room" }),
    ).toThrow("nothing can be placed inside it");
  });
});

describe("arrangeTree", () => {
  it("orders depth first with siblings by name, and records depth and ancestors", () => {
    const nodes = [
      { id: "r2", name: "Room 2", parentId: "f" },
      { id: "s2", name: "Berlin", parentId: null },
      { id: "f", name: "Floor 1", parentId: "s1" },
      { id: "s1", name: "Amsterdam", parentId: null },
      { id: "r1", name: "Room 1", parentId: "f" },
    ];
    expect(arrangeTree(nodes).map((node) => [node.name, node.depth, node.path.join(" / ")])).toEqual([
      ["Amsterdam", 0, ""],
      ["Floor 1", 1, "Amsterdam"],
      ["Room 1", 2, "Amsterdam / Floor 1"],
      ["Room 2", 2, "Amsterdam / Floor 1"],
      ["Berlin", 0, ""],
    ]);
  });

  it("keeps a node whose parent is not listed, at the top", () => {
    const arranged = arrangeTree([{ id: "x", name: "Orphan", parentId: "missing" }]);
    expect(arranged).toMatchObject([{ id: "x", depth: 0, path: [] }]);
  });
});

describe("describeContents", () => {
  it("lists what a location holds in words", () => {
    expect(describeContents({ assets: 3, children: 1, employees: 2 })).toBe(
      "3 assets, 1 sub-location and 2 employees",
    );
    expect(describeContents({ assets: 1, children: 0, employees: 0 })).toBe("1 asset");
    expect(describeContents({ assets: 0, children: 2, employees: 1 })).toBe("2 sub-locations and 1 employee");
    expect(describeContents({ assets: 0, children: 0, employees: 0 })).toBe("nothing");
  });
});
