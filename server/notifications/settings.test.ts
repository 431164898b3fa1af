import { describe, expect, it } from "vitest";
import { nextDigestAt } from "./settings";

describe("when the daily digest goes out", () => {
  it("at the chosen hour in the person's zone, today if it is still ahead, else tomorrow", () => {
    expect(nextDigestAt(new Date("2026-06-10T04:30:00Z"), 8, "Europe/Paris").toISOString()).toBe(
      "2026-06-10T06:00:00.000Z",
    );
    expect(nextDigestAt(new Date("2026-06-10T06:00:00Z"), 8, "Europe/Paris").toISOString()).toBe(
      "2026-06-11T06:00:00.000Z",
    );
  });

  it("follows the zone's clock across a daylight-saving change", () => {
    // Paris leaves summer time on 25 October 2026: 08:00 is 06:00 UTC before, 07:00 UTC after
    expect(nextDigestAt(new Date("2026-10-24T12:00:00Z"), 8, "Europe/Paris").toISOString()).toBe(
      "2026-10-25T07:00:00.000Z",
    );
  });

  it("sends at the next hour when the chosen one is skipped that night", () => {
    // New York springs forward on 8 March 2026: 02:00 does not exist, 03:00 EDT is 07:00 UTC
    expect(nextDigestAt(new Date("2026-03-08T05:00:00Z"), 2, "America/New_York").toISOString()).toBe(
      "2026-03-08T07:00:00.000Z",
    );
  });

  it("handles midnight", () => {
    expect(nextDigestAt(new Date("2026-06-10T21:00:00Z"), 0, "UTC").toISOString()).toBe(
      "2026-06-11T00:00:00.000Z",
    );
  });
});
