import { describe, expect, it } from "vitest";
import { type FakePerson, makePeople } from "@/tests/fakes/hris/core";
import { startFakeOkta } from "@/tests/fakes/hris/okta";
import { hrisAdapterHarness, rejection } from "@/tests/support/hris-adapter-harness";
import { okta, parseLinks } from "./okta";

const TOKEN = "okta-secret-00a1b2";
const userId = (n: number) => `00u${String(n).padStart(5, "0")}`;

const { start, request, pullAll } = hrisAdapterHarness({
  adapter: okta,
  startFake: (people, options: Partial<Parameters<typeof startFakeOkta>[0]>) =>
    startFakeOkta({ people, apiToken: TOKEN, ...options }),
  connection: (url) => ({
    credentials: { apiToken: TOKEN },
    options: { orgUrl: "https://acme.okta.com", baseUrl: url },
  }),
});

describe("parseLinks", () => {
  it("reads every entry whether the lines came separately or joined", () => {
    const joined =
      '<https://acme.okta.com/api/v1/users?limit=200>; rel="self", <https://acme.okta.com/api/v1/users?after=00u9&limit=200>; rel="next"';
    expect(parseLinks(joined)).toEqual({
      self: "https://acme.okta.com/api/v1/users?limit=200",
      next: "https://acme.okta.com/api/v1/users?after=00u9&limit=200",
    });
    expect(parseLinks("<https://x.test/a?q=a,b>;rel=next")).toEqual({ next: "https://x.test/a?q=a,b" });
    expect(parseLinks(null)).toEqual({});
  });
});

describe("Okta adapter against the fake", () => {
  it("pages through the Link header, deprovisioned users included", async () => {
    const people = makePeople(450, userId);
    people[9] = { ...people[9], status: "terminated", terminationDate: "2026-10-01" } as FakePerson;
    const { url, requests } = await start(people);

    const { pages, people: pulled } = await pullAll(request(url));

    expect(pages.map((p) => p.records.length)).toEqual([200, 200, 50]);
    expect(pulled).toHaveLength(450);
    expect(pulled.find((p) => p.externalId === userId(10))).toMatchObject({
      status: "terminated",
      terminationDate: "2026-10-01",
    });
    // The cursor is the rel="next" URL, requested verbatim.
    for (let i = 1; i < pages.length; i++) {
      const next = new URL(pages[i - 1]?.next ?? "");
      expect(requests[i]?.url).toBe(`${next.pathname}${next.search}`);
    }
    expect(new URL(requests[0]?.url ?? "", url).searchParams.get("limit")).toBe("200");
    expect(pulled[1]).toMatchObject({
      externalId: userId(2),
      employeeNumber: "E-00002",
      firstName: "First2",
      lastName: "Last2",
      workEmail: "person2@example.test",
      title: "Analyst",
      department: "Finance",
      organization: "Corporate",
      location: "Remote",
      managerExternalId: userId(1),
      status: "active",
    });
  });

  it("sends SSWS auth and asks for JSON", async () => {
    const { url, requests } = await start(makePeople(2, userId));
    await okta.pullPage(request(url));
    expect(requests[0]?.headers.authorization).toBe(`SSWS ${TOKEN}`);
    expect(requests[0]?.headers.accept).toBe("application/json");
  });

  it("maps STAGED to pending and SUSPENDED to terminated", async () => {
    const people = makePeople(3, userId);
    people[1] = { ...people[1], status: "pending" } as FakePerson;
    people[2] = { ...people[2], extra: { status: "SUSPENDED" } } as FakePerson;
    const { url } = await start(people);
    const { people: pulled } = await pullAll(request(url));
    expect(pulled.map((p) => p.status)).toEqual(["active", "pending", "terminated"]);
  });

  it("pulls only users updated since the watermark with a lastUpdated search", async () => {
    let now = new Date("2026-06-01T12:00:00Z");
    const { url, requests, ...controls } = await start(
      makePeople(40, userId, { updatedAt: "2026-05-01T00:00:00.000Z" }),
      { now: () => now },
    );
    now = new Date("2026-06-05T10:00:00Z");
    controls.updatePerson(userId(3), { managerId: userId(2), title: "Lead" });
    controls.terminatePerson(userId(33), "2026-06-05");

    const since = new Date("2026-06-02T00:00:00.000Z");
    const { people } = await pullAll(request(url, { since }));

    expect(people.map((p) => [p.externalId, p.title, p.managerExternalId, p.status])).toEqual([
      [userId(3), "Lead", userId(2), "active"],
      [userId(33), "Analyst", userId(1), "terminated"],
    ]);
    expect(new URL(requests[0]?.url ?? "", url).searchParams.get("search")).toBe(
      'lastUpdated gt "2026-06-02T00:00:00.000Z"',
    );
  });

  it("turns E0000047 into throttled, waiting until X-Rate-Limit-Reset by the server's clock", async () => {
    const { url } = await start(makePeople(2, userId), { throttle: { times: 1, retryAfterSeconds: 7 } });
    const error = await rejection(okta.pullPage(request(url)));
    expect(error).toMatchObject({ kind: "throttled", status: 429, retryAfterMs: 7000, retriable: true });
  });

  it("fails fast on a rejected token and on a token without the right role", async () => {
    const { url } = await start(makePeople(2, userId));
    const auth = await rejection(
      okta.testConnection({ ...request(url), credentials: { apiToken: "revoked-token-1" } }),
    );
    expect(auth).toMatchObject({ kind: "auth", status: 401, retriable: false });
    expect(auth.message).not.toContain("revoked-token-1");
    const limited = await start(makePeople(2, userId), { forbidden: true });
    expect(await rejection(okta.testConnection(request(limited.url)))).toMatchObject({ kind: "permission" });
  });

  it("says there is no org at a wrong address", async () => {
    const { url } = await start(makePeople(2, userId));
    const error = await rejection(okta.testConnection(request(`${url}/wrong-org`)));
    expect(error).toMatchObject({ kind: "not_found" });
    expect(error.message).toContain("no Okta org API");
  });

  it("reports a user without a first name and keeps the page", async () => {
    const people = makePeople(3, userId);
    people[0] = { ...people[0], extra: { profile: { firstName: "" } } } as FakePerson;
    people[2] = { ...people[2], extra: { profile: { email: "not-an-email" } } } as FakePerson;
    const { url } = await start(people);
    const page = await okta.pullPage(request(url));
    expect(page.records).toEqual([
      { ok: false, externalId: userId(1), reason: "No first name." },
      expect.objectContaining({ ok: true }),
      { ok: false, externalId: userId(3), reason: 'workEmail "not-an-email" is not an email address.' },
    ]);
  });

  it("tests the connection against the org", async () => {
    const { url } = await start(makePeople(2, userId));
    expect(await okta.testConnection(request(url))).toEqual({
      detail: `Connected to the Okta org ${new URL(url).host}: the token can list users.`,
    });
  });
});
