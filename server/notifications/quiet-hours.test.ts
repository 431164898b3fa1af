import { describe, expect, it } from "vitest";
import { isTimeZone, quietHoursEnd } from "./quiet-hours";

const at = (iso: string) => new Date(iso);

describe("quietHoursEnd", () => {
  it("lets a notification through outside quiet hours and without any", () => {
    const quiet = { start: "22:00", end: "07:00", timeZone: "Europe/Paris" };
    expect(quietHoursEnd(at("2026-06-10T10:00:00Z"), quiet)).toBeNull();
    expect(quietHoursEnd(at("2026-06-10T03:00:00Z"), null)).toBeNull();
  });

  it("holds one sent at 3 a.m. in the user's zone until the end, across midnight", () => {
    // 03:00 in Paris (CEST, UTC+2) -> 07:00 CEST = 05:00 UTC
    const quiet = { start: "22:00", end: "07:00", timeZone: "Europe/Paris" };
    expect(quietHoursEnd(at("2026-06-10T01:00:00Z"), quiet)).toEqual(at("2026-06-10T05:00:00Z"));
    // 23:30 the evening before also waits until 07:00 the next morning
    expect(quietHoursEnd(at("2026-06-09T21:30:00Z"), quiet)).toEqual(at("2026-06-10T05:00:00Z"));
  });

  it("ends at 07:00 local on the night clocks spring forward (New York, 8 March 2026)", () => {
    // midnight EST (UTC-5); by 07:00 the zone is EDT (UTC-4): 11:00 UTC, not 12:00
    const quiet = { start: "22:00", end: "07:00", timeZone: "America/New_York" };
    expect(quietHoursEnd(at("2026-03-08T05:00:00Z"), quiet)).toEqual(at("2026-03-08T11:00:00Z"));
  });

  it("ends at 07:00 local on the night clocks fall back (New York, 1 November 2026)", () => {
    // midnight EDT (UTC-4); by 07:00 the zone is EST (UTC-5): 12:00 UTC
    const quiet = { start: "22:00", end: "07:00", timeZone: "America/New_York" };
    expect(quietHoursEnd(at("2026-11-01T04:00:00Z"), quiet)).toEqual(at("2026-11-01T12:00:00Z"));
  });

  it("passes an end time the spring-forward skips at the first instant after it (Paris, 29 March 2026)", () => {
    // 02:30 does not exist in Paris that night (02:00 CET -> 03:00 CEST at 01:00 UTC)
    const quiet = { start: "23:00", end: "02:30", timeZone: "Europe/Paris" };
    expect(quietHoursEnd(at("2026-03-29T00:30:00Z"), quiet)).toEqual(at("2026-03-29T01:00:00Z"));
  });

  it("ends at the first 02:30 when the fall-back repeats it (Paris, 25 October 2026)", () => {
    // 01:00 CEST = 23:00 UTC; the first 02:30 is CEST (00:30 UTC), the second CET (01:30 UTC)
    const quiet = { start: "23:00", end: "02:30", timeZone: "Europe/Paris" };
    expect(quietHoursEnd(at("2026-10-24T23:00:00Z"), quiet)).toEqual(at("2026-10-25T00:30:00Z"));
  });

  it("treats a start equal to the end as no quiet hours", () => {
    expect(
      quietHoursEnd(at("2026-06-10T01:00:00Z"), { start: "07:00", end: "07:00", timeZone: "UTC" }),
    ).toBeNull();
  });
});

describe("isTimeZone", () => {
  it("knows IANA zones and refuses made-up ones", () => {
    expect(isTimeZone("Europe/Paris")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});
