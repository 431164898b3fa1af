import { expect, it } from "vitest";
import { backoffDue, parseDuration, retryAfterDue, sleepDue } from "./durations";

it("reads the SDK's sleep durations and instants", () => {
  expect(parseDuration("1w2d3h4m5s")).toBe(((((7 + 2) * 24 + 3) * 60 + 4) * 60 + 5) * 1000);
  expect(parseDuration("")).toBe(0);
  expect(parseDuration("soon")).toBeNull();
  expect(sleepDue("30s")).toEqual({ afterMs: 30_000 });
  expect(sleepDue("2030-01-02T03:04:05.000Z")).toEqual({ at: new Date("2030-01-02T03:04:05.000Z") });
  expect(sleepDue("whenever")).toBeNull();
});

it("reads retry-after as seconds or an instant", () => {
  expect(retryAfterDue("30")).toEqual({ afterMs: 30_000 });
  expect(retryAfterDue("2030-01-02T03:04:05.000Z")).toEqual({ at: new Date("2030-01-02T03:04:05.000Z") });
  expect(retryAfterDue(null)).toBeNull();
});

it("doubles the backoff per retry up to the cap", () => {
  expect([1, 2, 3, 4, 5].map((attempt) => backoffDue(attempt, 1_000, 10_000))).toEqual([
    { afterMs: 1_000 },
    { afterMs: 2_000 },
    { afterMs: 4_000 },
    { afterMs: 8_000 },
    { afterMs: 10_000 },
  ]);
});
