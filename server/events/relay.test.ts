import { expect, it } from "vitest";
import { refusesPayload } from "./relay";

it("tells a payload Inngest refuses from an Inngest that is unavailable or misconfigured", () => {
  const sdkError = (status: number, message: string) => new Error(`Inngest API Error: ${status} ${message}`);
  // The payload itself: resending it cannot succeed, so it is isolated and dead-lettered.
  expect(refusesPayload(sdkError(413, "Event payload too large"))).toBe(true);
  expect(refusesPayload(sdkError(400, "Cannot process event payload"))).toBe(true);
  expect(refusesPayload(sdkError(412, "Event transformation failed"))).toBe(true);
  // Inngest down, throttling or a wrong key: every event waits alike, none is dead-lettered.
  expect(refusesPayload(sdkError(500, "Internal server error"))).toBe(false);
  expect(refusesPayload(sdkError(429, "Too many requests"))).toBe(false);
  expect(refusesPayload(sdkError(401, "Event key Not Found"))).toBe(false);
  expect(refusesPayload(new TypeError("fetch failed"))).toBe(false);
});
