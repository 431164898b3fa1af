import { describe, expect, it } from "vitest";
import { reconnectDelay } from "./notification-stream";

describe("reconnectDelay", () => {
  it("doubles from a second and never waits more than thirty", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map(reconnectDelay)).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });
});
