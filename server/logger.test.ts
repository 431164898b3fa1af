import { expect, it } from "vitest";
import { redact } from "./logger";

it("redacts secrets wherever they appear in log fields", () => {
  expect(
    redact({
      email: "a@b.c",
      password: "hunter2",
      nested: { apiKey: "sk_live", token: "t", list: [{ authorization: "Bearer x" }] },
    }),
  ).toEqual({
    email: "a@b.c",
    password: "[redacted]",
    nested: { apiKey: "[redacted]", token: "[redacted]", list: [{ authorization: "[redacted]" }] },
  });
});

it("logs errors by name and message only", () => {
  expect(redact({ error: new TypeError("boom") })).toEqual({ error: { name: "TypeError", message: "boom" } });
});
