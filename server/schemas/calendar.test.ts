import { describe, expect, it } from "vitest";
import { isFutureDay, isPastDay, timeZone, todayIn } from "./calendar";

// 8 PM in London on Dec 5: already Dec 6 in Tokyo, still Dec 5 in Los Angeles.
const now = Date.parse("2026-12-05T20:00:00Z");

describe("today is a day in the viewer's zone", () => {
  it("is the calendar day where the viewer is, not in UTC", () => {
    expect(todayIn("UTC", now)).toBe("2026-12-05");
    expect(todayIn("Asia/Tokyo", now)).toBe("2026-12-06");
    expect(todayIn("America/Los_Angeles", now)).toBe("2026-12-05");
  });

  it("does not refuse a viewer's today east of UTC as in the future", () => {
    expect(isFutureDay("2026-12-06", "Asia/Tokyo", now)).toBe(false);
    expect(isFutureDay("2026-12-07", "Asia/Tokyo", now)).toBe(true);
    expect(isFutureDay("2026-12-06", "America/Los_Angeles", now)).toBe(true);
  });

  it("does not take a viewer's today west of UTC for a day gone by", () => {
    expect(isPastDay("2026-12-05", "America/Los_Angeles", now)).toBe(false);
    expect(isPastDay("2026-12-05", "Asia/Tokyo", now)).toBe(true);
  });

  it("without a zone, refuses only what is in the future, or the past, everywhere", () => {
    expect(isFutureDay("2026-12-06", undefined, now)).toBe(false); // already Dec 6 in UTC+14
    expect(isFutureDay("2026-12-07", undefined, now)).toBe(true);
    expect(isPastDay("2026-12-05", undefined, now)).toBe(false); // still Dec 5 in UTC-12
    expect(isPastDay("2026-12-04", undefined, now)).toBe(true);
  });

  it("takes IANA zone names only", () => {
    expect(timeZone().safeParse("Europe/Paris").success).toBe(true);
    expect(timeZone().safeParse("Mars/Olympus").error?.issues[0]?.message).toBe(
      "Unknown time zone; use an IANA name like Europe/Paris",
    );
  });
});
