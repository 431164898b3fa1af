import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CheckIn, checkInJsonSchema, EnrollDevice, LIMITS } from "./payload";

const committed = () =>
  JSON.parse(readFileSync(new URL("../../agent/checkin.schema.json", import.meta.url), "utf8"));

describe("check-in payload", () => {
  it("matches the JSON Schema committed for the Go agent (run `npm run agent:schema` after changing it)", () => {
    expect(committed()).toEqual(JSON.parse(JSON.stringify(checkInJsonSchema())));
  });

  it("accepts a check-in whose collectors failed, with only the hostname and the errors", () => {
    const parsed = CheckIn.safeParse({
      agentVersion: "0.3.0",
      collectedAt: "2026-12-05T10:00:00Z",
      hostname: "pc-042",
      errors: [{ collector: "software", message: "dpkg-query not found" }],
    });
    expect(parsed.success).toBe(true);
  });

  it("refuses more software entries than the limit and over-long strings", () => {
    const software = Array.from({ length: LIMITS.software + 1 }, (_, i) => ({
      name: `p${i}`,
      source: "dpkg",
    }));
    const base = { agentVersion: "0.3.0", collectedAt: "2026-12-05T10:00:00Z" };
    expect(CheckIn.safeParse({ ...base, hostname: "pc", software }).success).toBe(false);
    expect(CheckIn.safeParse({ ...base, hostname: "x".repeat(LIMITS.text + 1) }).success).toBe(false);
  });

  // the database refuses NUL and half a surrogate pair: a 422 here, not a 500 at the insert
  it.each(["pc\u0000", "pc\u001b[31m", "pc\ud800"])(
    "refuses text with control or broken characters (%j)",
    (bad) => {
      const base = { agentVersion: "0.3.0", collectedAt: "2026-12-05T10:00:00Z", hostname: "pc" };
      expect(CheckIn.safeParse({ ...base, hostname: bad }).success).toBe(false);
      expect(CheckIn.safeParse({ ...base, software: [{ name: bad, source: "dpkg" }] }).success).toBe(false);
      expect(CheckIn.safeParse({ ...base, users: { current: [bad] } }).success).toBe(false);
      expect(EnrollDevice.safeParse({ hostname: bad }).success).toBe(false);
      expect(EnrollDevice.safeParse({ hostname: "pc", serial: bad }).success).toBe(false);
    },
  );
});
