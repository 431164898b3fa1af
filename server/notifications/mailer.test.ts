import { describe, expect, it } from "vitest";
import { classifyResendError, retryAfterMs } from "./mailer";

describe("classifyResendError", () => {
  it("retries rate limits after Retry-After, and 5xx and lost answers with backoff", () => {
    expect(
      classifyResendError(
        { statusCode: 429, name: "rate_limit_exceeded", message: "slow" },
        { "retry-after": "2" },
      ),
    ).toMatchObject({
      kind: "transient",
      retryAfterMs: 2000,
    });
    expect(classifyResendError({ statusCode: 503, name: "application_error" }, {})).toMatchObject({
      kind: "transient",
      retryAfterMs: null,
    });
    expect(classifyResendError({ statusCode: null, name: "application_error" }, null).kind).toBe("transient");
  });

  it("does not retry a refused message, and counts a refused recipient as bounced", () => {
    expect(
      classifyResendError({ statusCode: 422, name: "validation_error", message: "Invalid `to` field." }, {}),
    ).toEqual({
      kind: "permanent",
      error: "validation_error (HTTP 422): Invalid `to` field.",
      bounced: false,
    });
    expect(classifyResendError({ statusCode: 422, name: "invalid_to_address" }, {})).toMatchObject({
      bounced: true,
    });
  });
});

describe("retryAfterMs", () => {
  it("reads seconds and HTTP dates", () => {
    expect(retryAfterMs("3")).toBe(3000);
    expect(retryAfterMs("Thu, 01 Jan 2026 00:00:10 GMT", Date.parse("2026-01-01T00:00:00Z"))).toBe(10_000);
    expect(retryAfterMs("soon")).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });
});
