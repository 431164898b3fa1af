import { describe, expect, it } from "vitest";
import { guardedFetch } from "./guarded-fetch";

/** A stand-in for fetch that answers from a table of URLs and records what it was sent. */
function provider(answers: Record<string, Response>) {
  const sent: Array<{ url: string; authorization: string | null; method: string }> = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input.toString();
    sent.push({
      url,
      authorization: new Headers(init?.headers).get("authorization"),
      method: init?.method ?? "GET",
    });
    return answers[url] ?? new Response("not found", { status: 404 });
  }) as typeof fetch;
  return { fetcher, sent };
}

const redirect = (to: string, status = 302) => new Response(null, { status, headers: { location: to } });

describe("the integrations' guarded fetch", () => {
  it("keeps the credentials on a redirect within the same origin", async () => {
    const { fetcher, sent } = provider({
      "https://acme.example.com/api/users": redirect("/api/v2/users"),
      "https://acme.example.com/api/v2/users": new Response("[]"),
    });
    const fetch = guardedFetch({ allowPrivateHosts: true }, fetcher);
    await fetch("https://acme.example.com/api/users", { headers: { authorization: "SSWS secret-token" } });
    expect(sent.map((call) => call.authorization)).toEqual(["SSWS secret-token", "SSWS secret-token"]);
  });

  it("drops the credentials when a provider redirects to another host", async () => {
    const { fetcher, sent } = provider({
      "https://acme.example.com/api/users": redirect("https://elsewhere.example.net/collect"),
      "https://elsewhere.example.net/collect": new Response("[]"),
    });
    const fetch = guardedFetch({ allowPrivateHosts: true }, fetcher);
    await fetch("https://acme.example.com/api/users", {
      headers: { authorization: "Basic a2V5Ong=", cookie: "session=1", accept: "application/json" },
    });
    expect(sent[1]).toEqual({
      url: "https://elsewhere.example.net/collect",
      authorization: null,
      method: "GET",
    });
  });

  it("turns a POST into a GET on 303, and refuses a redirect loop", async () => {
    const { fetcher, sent } = provider({
      "https://acme.example.com/report": redirect("/report/1", 303),
      "https://acme.example.com/report/1": new Response("{}"),
      "https://acme.example.com/loop": redirect("/loop"),
    });
    const fetch = guardedFetch({ allowPrivateHosts: true }, fetcher);
    await fetch("https://acme.example.com/report", { method: "POST", body: "{}" });
    expect(sent.map((call) => call.method)).toEqual(["POST", "GET"]);
    await expect(fetch("https://acme.example.com/loop")).rejects.toThrow("redirected more than 5 times");
  });
});
