import { afterEach, expect, it, vi } from "vitest";
import { appServeUrl } from "./client-options";

it("calls the serve endpoint over loopback on the port the app listens on, whatever APP_URL says", () => {
  expect(appServeUrl({ PORT: 4123 })).toBe("http://127.0.0.1:4123/api/inngest");
  expect(appServeUrl({ PORT: 4123, HOST: "0.0.0.0" })).toBe("http://127.0.0.1:4123/api/inngest");
  expect(appServeUrl({ PORT: 4123, HOST: "::" })).toBe("http://127.0.0.1:4123/api/inngest");
  // Listening on one interface only: that interface is where the app answers.
  expect(appServeUrl({ PORT: 80, HOST: "10.1.2.3" })).toBe("http://10.1.2.3:80/api/inngest");
  expect(appServeUrl({ PORT: 80, HOST: "fd00::7" })).toBe("http://[fd00::7]:80/api/inngest");
  expect(appServeUrl({ PORT: 80, ENGINE_SERVE_URL: "http://app.internal:8080/api/inngest/" })).toBe(
    "http://app.internal:8080/api/inngest",
  );
});

const original = { ...process.env };
afterEach(() => {
  process.env = { ...original };
  vi.resetModules();
});

it("the app's client sends function events to the engine over loopback, not through the public APP_URL", async () => {
  process.env = {
    ...original,
    APP_URL: "https://assets.example.com",
    PORT: "4123",
    HOST: undefined,
    ENGINE_SERVE_URL: undefined,
    INNGEST_EVENT_KEY: undefined,
    INNGEST_SIGNING_KEY: undefined,
    INNGEST_DEV: undefined,
  };
  vi.resetModules();
  const { inngest } = await import("@/inngest/client");
  expect(String(inngest.eventBaseUrl)).toBe("http://127.0.0.1:4123/api/inngest/engine/");
});
