import { describe, expect, it } from "vitest";
import {
  countsSentence,
  formatDuration,
  formatRate,
  furthestOf,
  type HealthPoint,
  progressOf,
  runsByDay,
  triggerText,
} from "./integration-format";

const counts = { added: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, total: null };

describe("formatDuration", () => {
  it.each([
    [850, "850 ms"],
    [12_340, "12.3 s"],
    [120_000, "2 min"],
    [125_000, "2 min 5 s"],
    [3_600_000, "1 h"],
    [3_780_000, "1 h 3 min"],
    [null, "—"],
    [-5, "—"],
  ])("%s ms reads %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("run summaries", () => {
  it("shows a success rate as a whole percentage, or a dash before any run finished", () => {
    expect(formatRate(0.9666)).toBe("97%");
    expect(formatRate(0)).toBe("0%");
    expect(formatRate(null)).toBe("—");
  });

  it("names who asked for a manual sync, never for a scheduled one", () => {
    expect(triggerText("manual", "Ada Admin")).toBe("Sync now by Ada Admin");
    expect(triggerText("schedule", "system")).toBe("Scheduled");
    expect(triggerText("retry", null)).toBe("Retry");
  });

  it("lists only the counts that happened", () => {
    expect(countsSentence({ ...counts, added: 23, updated: 2, failed: 1 })).toBe(
      "23 added, 2 updated, 1 failed",
    );
    expect(countsSentence(counts)).toBe("no changes");
    expect(countsSentence({ ...counts, unchanged: 1200 })).toBe("1,200 unchanged");
  });
});

describe("progressOf", () => {
  it("is processed of total when the provider says how many", () => {
    expect(progressOf({ ...counts, added: 10, unchanged: 5, total: 25 })).toEqual({
      value: 15,
      max: 25,
      percent: 60,
    });
  });

  it("has no maximum (an indeterminate bar) when the provider gives no total", () => {
    expect(progressOf({ ...counts, added: 10, total: null })).toEqual({
      value: 10,
      max: null,
      percent: null,
    });
    expect(progressOf({ ...counts, added: 10, total: 0 }).max).toBeNull();
  });

  it("never goes past 100% when more records arrive than the provider announced", () => {
    expect(progressOf({ ...counts, added: 30, total: 25 })).toEqual({ value: 30, max: 30, percent: 100 });
  });
});

describe("furthestOf", () => {
  const run = (status: "queued" | "running" | "succeeded", added: number, pages: number) => ({
    ...counts,
    status,
    added,
    pages,
  });

  it("prefers a finished view over a running one, whichever arrived last", () => {
    const done = run("succeeded", 20, 2);
    expect(furthestOf(run("running", 25, 3), done)).toBe(done);
    expect(furthestOf(done, run("running", 25, 3))).toBe(done);
  });

  it("prefers running over queued, then more records, then more pages", () => {
    const started = run("running", 0, 0);
    expect(furthestOf(run("queued", 0, 0), started)).toBe(started);
    const ahead = run("running", 10, 1);
    expect(furthestOf(ahead, run("running", 5, 1))).toBe(ahead);
    const morePages = run("running", 10, 2);
    expect(furthestOf(ahead, morePages)).toBe(morePages);
  });

  it("takes whichever view exists", () => {
    const only = run("running", 1, 1);
    expect(furthestOf(null, only)).toBe(only);
    expect(furthestOf(only, undefined)).toBe(only);
    expect(furthestOf(null, null)).toBeNull();
  });
});

describe("runsByDay", () => {
  const point = (
    startedAt: string,
    status: HealthPoint["status"],
    durationMs: number | null,
  ): HealthPoint => ({
    runId: startedAt,
    startedAt,
    durationMs,
    status,
    added: 2,
    updated: 1,
    failed: 0,
  });

  it("counts finished runs per day in the viewer's zone, with quiet days as zeros up to today", () => {
    const days = runsByDay(
      [
        point("2026-12-01T10:00:00Z", "succeeded", 1000),
        point("2026-12-01T11:00:00Z", "failed", 3000),
        // 01:00 UTC on the 3rd is still the 2nd in Los Angeles
        point("2026-12-03T01:00:00Z", "partial", 2000),
        point("2026-12-04T09:00:00Z", "running", null),
      ],
      "America/Los_Angeles",
      new Date("2026-12-04T20:00:00Z"),
    );
    expect(days.map((day) => day.day)).toEqual(["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"]);
    expect(days[0]).toMatchObject({
      succeeded: 1,
      failed: 1,
      averageSeconds: 2,
      longestSeconds: 3,
      records: 6,
    });
    expect(days[1]).toMatchObject({ partial: 1, averageSeconds: 2 });
    expect(days[2]).toMatchObject({ succeeded: 0, partial: 0, failed: 0, averageSeconds: null });
    expect(days[3]).toMatchObject({ succeeded: 0, averageSeconds: null });
  });

  it("is empty when nothing has finished", () => {
    expect(runsByDay([], "UTC", new Date())).toEqual([]);
    expect(runsByDay([point("2026-12-01T10:00:00Z", "running", null)], "UTC", new Date())).toEqual([]);
  });
});
