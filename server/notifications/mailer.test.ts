import { describe, expect, it } from "vitest";
import { startFakeResend } from "@/tests/fakes/resend/fake-resend";
import { classifyResendError, resendTransport, retryAfterMs } from "./mailer";

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

describe("resendTransport.sendBatch against the local Resend", () => {
  const email = (n: number, to = `person-${n}@example.test`) => ({
    deliveryId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    from: "Assetronics <it@example.test>",
    to,
    subject: `Laptop ${n} is assigned to you`,
    html: `<p>Laptop ${n}</p>`,
    text: `Laptop ${n}`,
  });

  it("sends many emails in one call; one refused address fails alone; a repeated call sends nothing twice", async () => {
    const fake = await startFakeResend();
    try {
      const transport = resendTransport({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, from: "x" });
      if (transport.kind !== "provider") throw new Error("expected a provider");
      const emails = [email(1), email(2, "not an address"), email(3)];
      const outcomes = await transport.sendBatch(emails);
      expect(outcomes.map((outcome) => outcome.kind)).toEqual(["sent", "permanent", "sent"]);
      expect(outcomes[1]).toMatchObject({
        error: expect.stringMatching(/Invalid `to` field/),
        bounced: false,
      });
      expect(fake.batchRequests).toBe(1);
      expect(fake.sent.map((sent) => sent.to[0])).toEqual(["person-1@example.test", "person-3@example.test"]);
      expect(outcomes[0]).toEqual({ kind: "sent", providerMessageId: fake.sent[0]?.id });
      expect(outcomes[2]).toEqual({ kind: "sent", providerMessageId: fake.sent[1]?.id });

      // The same deliveries again (the answer was lost): the same ids, no second email.
      expect(await transport.sendBatch(emails)).toEqual(outcomes);
      expect(fake.sent).toHaveLength(2);
    } finally {
      await fake.close();
    }
  });

  it("a rate-limited call is every email's transient outcome, with Retry-After; more than 100 take two calls", async () => {
    const fake = await startFakeResend();
    try {
      const transport = resendTransport({ apiKey: fake.apiKey, baseUrl: fake.baseUrl, from: "x" });
      if (transport.kind !== "provider") throw new Error("expected a provider");
      fake.failNext(429, 2);
      const limited = await transport.sendBatch([email(1), email(2)]);
      expect(limited).toEqual([
        {
          kind: "transient",
          error: expect.stringMatching(/rate_limit_exceeded \(HTTP 429\)/),
          retryAfterMs: 2000,
        },
        { kind: "transient", error: expect.stringMatching(/rate_limit_exceeded/), retryAfterMs: 2000 },
      ]);
      expect(fake.sent).toHaveLength(0);

      const many = Array.from({ length: 130 }, (_, index) => email(index + 1));
      const outcomes = await transport.sendBatch(many);
      expect(outcomes.every((outcome) => outcome.kind === "sent")).toBe(true);
      expect(fake.batchRequests).toBe(3);
      expect(fake.sent.map((sent) => sent.subject)).toEqual(many.map((sent) => sent.subject));
    } finally {
      await fake.close();
    }
  });
});
