import { describe, expect, it } from "vitest";
import { daysUntil, formatDate, formatDateTime, formatDay } from "./format";
import { timeZoneFromCookie } from "./time-zone";

describe("times in the viewer's zone", () => {
  const event = new Date("2026-12-05T09:30:00Z");

  it("shows one instant in the zone it is given, labelled with that zone", () => {
    expect(formatDateTime(event, "America/Los_Angeles")).toBe("Dec 5, 2026, 1:30 AM PST");
    expect(formatDateTime(event, "UTC")).toBe("Dec 5, 2026, 9:30 AM UTC");
    expect(formatDateTime(event.toISOString(), "Asia/Tokyo")).toBe("Dec 5, 2026, 6:30 PM GMT+9");
  });

  it("puts an instant on the viewer's day, not the server's", () => {
    const evening = new Date("2026-12-05T03:00:00Z");
    expect(formatDate(evening, "America/Los_Angeles")).toBe("Dec 4, 2026");
    expect(formatDate(evening, "UTC")).toBe("Dec 5, 2026");
  });

  it("counts days left from the viewer's today, not UTC's", () => {
    const evening = Date.parse("2026-12-05T03:00:00Z"); // Dec 4, 7 PM in Los Angeles
    expect(daysUntil("2026-12-05", "America/Los_Angeles", evening)).toBe(1);
    expect(daysUntil("2026-12-05", "UTC", evening)).toBe(0);
    expect(daysUntil("2026-12-01", "UTC", evening)).toBe(-4);
  });

  it("keeps a calendar day as written in every zone", () => {
    expect(formatDay("2026-01-31")).toBe("Jan 31, 2026");
  });

  it("shows nothing as a dash", () => {
    expect(formatDateTime(null, "UTC")).toBe("—");
  });

  it("takes the zone a cookie names only when it is a real zone", () => {
    expect(timeZoneFromCookie("Europe/Paris")).toBe("Europe/Paris");
    expect(timeZoneFromCookie("Mars/Olympus")).toBe("UTC");
    expect(timeZoneFromCookie(undefined)).toBe("UTC");
  });
});
