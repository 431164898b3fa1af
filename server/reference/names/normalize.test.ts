import { describe, expect, it } from "vitest";
import { normalizeName } from "./normalize";

describe("normalizeName", () => {
  it.each([
    ["IT Department", "IT dept"],
    ["IT Department", "it   department"],
    ["Human Resources", "HR"],
    ["Research & Development", "research and development"],
    ["Sales-Ops", "sales operations"],
    ["Acme Corp.", "ACME CORP"],
    ["Café Team", "cafe team"],
    ["R&D", "Research and Development"],
    ["RnD", "research & development"],
    ["Mktg", "Marketing"],
    ["Acct. Payable", "accounting payable"],
    ["Tech Support", "technology support"],
    ["Info Tech", "IT"],
    ["QA", "Q&A"],
    ["Acme Ltd", "ACME LIMITED"],
    ["Dev Ops", "development operations"],
  ])("%s matches %s", (a, b) => {
    expect(normalizeName(a)).toBe(normalizeName(b));
  });

  it("keeps genuinely different names apart", () => {
    expect(normalizeName("Finance")).not.toBe(normalizeName("Facilities"));
    expect(normalizeName("IT Department")).not.toBe(normalizeName("IT Operations"));
    expect(normalizeName("Finance")).not.toBe(normalizeName("Fine Arts"));
    expect(normalizeName("Development")).not.toBe(normalizeName("Devices"));
  });

  it("leaves nothing to match for a name without letters or digits", () => {
    expect(normalizeName(" -- ")).toBe("");
  });

  it("only expands whole words", () => {
    expect(normalizeName("Itinerary Desk")).toBe("itinerary desk");
    expect(normalizeName("Randd")).toBe("randd");
  });
});
