import { describe, expect, it } from "vitest";
import { dayRange, isValidDay, isValidTimeZone, nextDay, startOfDay } from "./day-range";

describe("day ranges in the user's time zone", () => {
  it("starts a day at local midnight", () => {
    expect(startOfDay("2026-03-03", "UTC").toISOString()).toBe("2026-03-03T00:00:00.000Z");
    expect(startOfDay("2026-01-15", "Europe/Paris").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(startOfDay("2026-07-15", "Europe/Paris").toISOString()).toBe("2026-07-14T22:00:00.000Z");
    expect(startOfDay("2026-07-15", "America/New_York").toISOString()).toBe("2026-07-15T04:00:00.000Z");
    expect(startOfDay("2026-07-15", "Asia/Kolkata").toISOString()).toBe("2026-07-14T18:30:00.000Z");
    expect(startOfDay("2026-07-15", "Pacific/Kiritimati").toISOString()).toBe("2026-07-14T10:00:00.000Z");
  });

  it("handles the days clocks change", () => {
    // Paris springs forward at 02:00 on 29 March 2026; midnight still exists at +01:00.
    expect(startOfDay("2026-03-29", "Europe/Paris").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    // Santiago skips midnight on 6 Sept 2026 (00:00 -> 01:00): the day starts at 04:00Z.
    expect(startOfDay("2026-09-06", "America/Santiago").toISOString()).toBe("2026-09-06T04:00:00.000Z");
    // Santiago repeats 23:00-24:00 on 4 April 2026; 5 April starts once, at -04:00.
    expect(startOfDay("2026-04-05", "America/Santiago").toISOString()).toBe("2026-04-05T04:00:00.000Z");
  });

  it("makes `to` inclusive by ending at the start of the following day", () => {
    expect(nextDay("2026-02-28")).toBe("2026-03-01");
    expect(nextDay("2028-02-28")).toBe("2028-02-29");
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
    const range = dayRange({ from: "2026-07-01", to: "2026-07-01" }, "America/New_York");
    expect(range.start?.toISOString()).toBe("2026-07-01T04:00:00.000Z");
    expect(range.end?.toISOString()).toBe("2026-07-02T04:00:00.000Z");
    expect(dayRange({}, "UTC")).toEqual({ start: undefined, end: undefined });
  });

  it("validates days and time zones", () => {
    expect(isValidDay("2026-02-29")).toBe(false);
    expect(isValidDay("2028-02-29")).toBe(true);
    expect(isValidDay("2026-13-01")).toBe(false);
    expect(isValidDay("26-1-1")).toBe(false);
    expect(isValidTimeZone("Europe/Paris")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});
