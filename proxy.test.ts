import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "./proxy";

const request = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
  new NextRequest(`http://localhost:3000${path}`, {
    method: init.method ?? "GET",
    headers: { host: "localhost:3000", ...init.headers },
  });

describe("server actions from another site", () => {
  const action = (headers: Record<string, string>) =>
    proxy(request("/sign-in", { method: "POST", headers: { "next-action": "7f3a9c", ...headers } }));

  it("are refused with 403 and a reason, whether fetched or posted as a form", async () => {
    const fetched = action({ origin: "https://evil.example" });
    expect(fetched.status).toBe(403);
    expect(await fetched.text()).toContain("only be submitted from this site's own pages");

    const posted = proxy(
      request("/sign-in", {
        method: "POST",
        headers: { origin: "https://evil.example", "content-type": "multipart/form-data; boundary=x" },
      }),
    );
    expect(posted.status).toBe(403);
    expect(action({ origin: "null" }).status).toBe(403);
    expect(action({ origin: "http://localhost:3000", host: "localhost:3001" }).status).toBe(403);
  });

  it("pass from the app's own pages, directly or behind a proxy that names the host", () => {
    expect(action({ origin: "http://localhost:3000" }).status).toBe(200);
    expect(
      action({
        origin: "https://assets.example.com",
        host: "10.0.0.5:3000",
        "x-forwarded-host": "assets.example.com",
      }).status,
    ).toBe(200);
    // No Origin at all: not a browser's cross-site request (Next.js lets it through too).
    expect(action({}).status).toBe(200);
  });

  it("never runs for route handlers, so their bodies are not cut at the proxy's 10 MB limit", () => {
    const [pattern] = config.matcher;
    const runsFor = (path: string) => new RegExp(`^${pattern}$`).test(path);
    expect(runsFor("/api/trpc/assets.import.upload")).toBe(false);
    expect(runsFor("/api/assets/export")).toBe(false);
    expect(runsFor("/dashboard")).toBe(true);
    expect(runsFor("/assets/import")).toBe(true);
  });

  it("leave route handlers and plain posts alone", () => {
    const upload = request("/api/assets/import", {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "multipart/form-data; boundary=x" },
    });
    expect(proxy(upload).status).toBe(200);
    expect(proxy(upload).headers.get("content-security-policy")).toBeNull();
  });
});

describe("content security policy", () => {
  const policyOf = (response: Response) => response.headers.get("content-security-policy") ?? "";

  it("gives each page a fresh nonce that scripts need, forbids framing it, and frames only this origin", () => {
    const first = proxy(request("/dashboard"));
    const second = proxy(request("/dashboard"));
    const nonce = policyOf(first).match(/'nonce-([^']+)'/)?.[1];
    expect(nonce).toBeTruthy();
    expect(policyOf(second)).not.toContain(`'nonce-${nonce}'`);
    expect(policyOf(first)).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
    expect(policyOf(first)).toContain("frame-ancestors 'none'");
    // The file preview dialog frames /api/files/<id>/preview; no other site's pages.
    expect(policyOf(first)).toContain("frame-src 'self'");
    expect(policyOf(first)).toContain("object-src 'none'");
    expect(policyOf(first)).not.toContain("unsafe-eval");
    // Next.js reads the policy from the request to put the nonce on its scripts; the layout reads x-nonce.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(policyOf(first));
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
  });
});
