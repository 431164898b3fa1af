import { describe, expect, it } from "vitest";
import { isFiltered, listInputFromView, searchParamsFromView, viewFromSearchParams } from "./url";

const view = (query: string) => viewFromSearchParams(new URLSearchParams(query));

describe("the agent filter in the asset list's URL", () => {
  it("reads stale=1 as the filter, and writes it back the same way", () => {
    const stale = view("stale=1&kind=assigned");
    expect(stale.agentStale).toBe(true);
    expect(isFiltered(stale)).toBe(true);
    expect(listInputFromView(stale)).toMatchObject({ agentStale: true, kinds: ["assigned"] });
    expect(searchParamsFromView(stale).toString()).toBe("kind=assigned&stale=1");
  });

  it("leaves it out of the URL and the query when off, and ignores other values", () => {
    for (const query of ["", "stale=0", "stale=yes"]) {
      const plain = view(query);
      expect(plain.agentStale).toBe(false);
      expect(isFiltered(plain)).toBe(false);
      expect(listInputFromView(plain).agentStale).toBeUndefined();
      expect(searchParamsFromView(plain).toString()).toBe("");
    }
  });
});
