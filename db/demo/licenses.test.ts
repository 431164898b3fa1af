import { describe, expect, it } from "vitest";
import { EXPIRY_THRESHOLDS } from "@/server/licenses/schemas";
import { demoLicenses, holdersOf } from "./licenses";
import { planDemo } from "./plan";

const { employees } = planDemo("2026-03-15");

describe("the demo's licences", () => {
  it("give each licence its full count of holders, active people of its departments, within its seats", () => {
    for (const seed of demoLicenses) {
      const holders = holdersOf(seed, employees);
      expect(holders, seed.name).toHaveLength(seed.holders.count);
      expect(new Set(holders.map((person) => person.id)).size).toBe(holders.length);
      for (const person of holders) {
        expect(person.status).not.toBe("terminated");
        expect(seed.holders.departments).toContain(person.department);
      }
      if (seed.seats !== null) expect(holders.length).toBeLessThanOrEqual(seed.seats);
    }
  });

  it("start no notice on a fresh demo: each at least half used, none renewing within the warnings' reach", () => {
    for (const seed of demoLicenses) {
      if (seed.seats !== null) expect(seed.holders.count * 2, seed.name).toBeGreaterThanOrEqual(seed.seats);
      if (seed.expiresInDays !== null) {
        expect(seed.expiresInDays, seed.name).toBeGreaterThan(Math.max(...EXPIRY_THRESHOLDS));
      }
    }
  });
});
