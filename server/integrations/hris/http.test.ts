import { describe, expect, it } from "vitest";
import { type HrisConnection, IntegrationError } from "./adapter";
import { callProvider, joinUrl, type ProviderCall, parseRetryAfter, redact, toDay } from "./http";

const call: ProviderCall = {
  label: "Acme HR",
  url: new URL("https://hr.example.test/api/people"),
  headers: { authorization: "Bearer sk_live_secret" },
  notFound: "No such company.",
  unauthorized: "Key rejected.",
  forbidden: "Missing scope.",
};

const connection = (fetch: typeof globalThis.fetch): HrisConnection => ({
  credentials: { apiKey: "sk_live_secret" },
  options: {},
  fetch,
});

const failWith =
  (cause: unknown): typeof fetch =>
  async () => {
    throw new TypeError("fetch failed", { cause });
  };
const answer =
  (status: number, body: string, headers: Record<string, string> = {}): typeof fetch =>
  async () =>
    new Response(body, { status, headers });

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(IntegrationError);
      return error as IntegrationError;
    },
  );

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("120")).toBe(120_000);
    const now = Date.parse("2026-12-05T10:00:00Z");
    expect(parseRetryAfter("Sat, 05 Dec 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Sat, 05 Dec 2026 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
  });
});

describe("callProvider", () => {
  it("names the host when DNS fails, and calls it not_found", async () => {
    const error = await rejection(callProvider(connection(failWith({ code: "ENOTFOUND" })), call));
    expect(error.kind).toBe("not_found");
    expect(error.message).toContain("hr.example.test");
  });

  it("calls a refused connection unavailable (retriable)", async () => {
    const error = await rejection(callProvider(connection(failWith({ code: "ECONNREFUSED" })), call));
    expect(error).toMatchObject({ kind: "unavailable", retriable: true });
  });

  it("times out as unavailable", async () => {
    const hang: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)),
      );
    const error = await rejection(callProvider(connection(hang), { ...call, timeoutMs: 50 }));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toContain("did not answer");
  });

  it("passes the SSRF guard's own IntegrationError through", async () => {
    const guard: typeof fetch = async () => {
      throw new IntegrationError("not_found", "10.0.0.1 is a private address");
    };
    expect((await rejection(callProvider(connection(guard), call))).message).toBe(
      "10.0.0.1 is a private address",
    );
  });

  it("maps statuses and never repeats the credential", async () => {
    expect((await rejection(callProvider(connection(answer(401, "")), call))).kind).toBe("auth");
    expect((await rejection(callProvider(connection(answer(403, "")), call))).kind).toBe("permission");
    expect((await rejection(callProvider(connection(answer(404, "")), call))).kind).toBe("not_found");
    expect(
      await rejection(callProvider(connection(answer(429, "", { "retry-after": "3" })), call)),
    ).toMatchObject({ kind: "throttled", retryAfterMs: 3000 });
    expect((await rejection(callProvider(connection(answer(502, "")), call))).kind).toBe("unavailable");
    const echoed = await rejection(callProvider(connection(answer(400, "bad key sk_live_secret")), call));
    expect(echoed.kind).toBe("bad_response");
    expect(echoed.message).not.toContain("sk_live_secret");
    expect(echoed.message).toContain("[redacted]");
  });
});

describe("helpers", () => {
  it("keeps a base URL's path prefix when joining", () => {
    expect(joinUrl("http://127.0.0.1:3199/okta/", "/api/v1/users", "Okta").toString()).toBe(
      "http://127.0.0.1:3199/okta/api/v1/users",
    );
    expect(() => joinUrl("ftp://x", "/a", "Okta")).toThrow(/https/);
  });

  it("reads provider dates, refusing impossible ones", () => {
    expect(toDay("2026-02-28")).toBe("2026-02-28");
    expect(toDay("2026-02-28T10:00:00.000Z")).toBe("2026-02-28");
    expect(toDay("0000-00-00")).toBeNull();
    expect(toDay("2026-02-30")).toBeUndefined();
    expect(toDay("02/03/2026")).toBeUndefined();
  });

  it("redacts every credential value", () => {
    expect(redact("a secret-1 b secret-2", { a: "secret-1", b: "secret-2" })).toBe(
      "a [redacted] b [redacted]",
    );
  });
});
