import { describe, expect, it } from "vitest";
import { dayHeading, mergeDays, todayIn } from "./notification-days";

const item = (id: string) => ({ id });

describe("mergeDays", () => {
  it("joins a day split across two pages into one heading", () => {
    const merged = mergeDays([
      [
        { day: "2026-12-05", items: [item("a")] },
        { day: "2026-12-04", items: [item("b")] },
      ],
      [
        { day: "2026-12-04", items: [item("c")] },
        { day: "2026-12-01", items: [item("d")] },
      ],
    ]);
    expect(merged).toEqual([
      { day: "2026-12-05", items: [item("a")] },
      { day: "2026-12-04", items: [item("b"), item("c")] },
      { day: "2026-12-01", items: [item("d")] },
    ]);
  });

  it("shows a notification that slid onto the next page once, and drops a day left empty", () => {
    const merged = mergeDays([
      [{ day: "2026-12-05", items: [item("new"), item("a")] }],
      [
        { day: "2026-12-05", items: [item("a")] },
        { day: "2026-12-03", items: [item("b")] },
      ],
    ]);
    expect(merged).toEqual([
      { day: "2026-12-05", items: [item("new"), item("a")] },
      { day: "2026-12-03", items: [item("b")] },
    ]);
  });
});

describe("dayHeading", () => {
  it("names today and yesterday, and dates the rest", () => {
    expect(dayHeading("2026-12-05", "2026-12-05")).toBe("Today");
    expect(dayHeading("2026-12-04", "2026-12-05")).toBe("Yesterday");
    expect(dayHeading("2026-11-30", "2026-12-05")).toBe("Nov 30, 2026");
  });

  it("counts yesterday across the end of a month and a daylight-saving change", () => {
    expect(dayHeading("2026-02-28", "2026-03-01")).toBe("Yesterday");
    expect(dayHeading("2026-03-07", "2026-03-08")).toBe("Yesterday");
  });
});

describe("todayIn", () => {
  it("is the viewer's calendar day, not UTC's", () => {
    const lateEveningInLosAngeles = Date.parse("2026-12-05T06:30:00Z");
    expect(todayIn("America/Los_Angeles", lateEveningInLosAngeles)).toBe("2026-12-04");
    expect(todayIn("Europe/Paris", lateEveningInLosAngeles)).toBe("2026-12-05");
  });
});
