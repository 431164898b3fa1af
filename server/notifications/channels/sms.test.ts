import { describe, expect, it } from "vitest";
import { classifyTwilioError, SMS_MAX_LENGTH, smsBody } from "./sms";

describe("Twilio's answers", () => {
  it("retries 429 (20429) after Retry-After, and 5xx", () => {
    expect(classifyTwilioError(429, { code: 20429, message: "Too Many Requests" }, "3")).toEqual({
      kind: "transient",
      error: "Twilio 20429 (HTTP 429): Too Many Requests",
      retryAfterMs: 3000,
    });
    expect(classifyTwilioError(503, null, null)).toMatchObject({ kind: "transient", retryAfterMs: null });
  });

  it("gives up on refused numbers (bounced) and bad credentials (failed)", () => {
    expect(classifyTwilioError(400, { code: 21610, message: "unsubscribed" }, null)).toMatchObject({
      kind: "permanent",
      bounced: true,
    });
    expect(classifyTwilioError(401, { code: 20003, message: "Authenticate" }, null)).toMatchObject({
      kind: "permanent",
      bounced: false,
      error: expect.stringContaining("check both in the Twilio console"),
    });
    expect(
      classifyTwilioError(
        400,
        { code: 21211, message: "The 'To' number 12 is not a valid phone number." },
        null,
      ),
    ).toMatchObject({
      error:
        "Twilio 21211 (HTTP 400): The 'To' number 12 is not a valid phone number. A number needs its country code, like +44 7700 900123.",
      bounced: true,
    });
  });
});

describe("a text message's words", () => {
  it("ends with the link back to the app", () => {
    expect(
      smsBody({ title: "IT-1 is yours", body: "Look after it.", link: "/portal" }, "https://a.test"),
    ).toBe("IT-1 is yours. Look after it. https://a.test/portal");
  });

  it("stays within Twilio's limit, the link kept whole", () => {
    const body = smsBody({ title: "T", body: "x".repeat(5000), link: "/assets/1" }, "https://a.test");
    expect(body.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    expect(body.endsWith("… https://a.test/assets/1")).toBe(true);
  });
});
