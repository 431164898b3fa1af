import { describe, expect, it } from "vitest";
import { type FakePerson, makePeople } from "@/tests/fakes/hris/core";
import { startFakeRippling } from "@/tests/fakes/hris/rippling";
import { hrisAdapterHarness, rejection } from "@/tests/support/hris-adapter-harness";
import { rippling } from "./rippling";

const TOKEN = "rippling-secret-77aa";
const workerId = (n: number) => `w_${String(n).padStart(5, "0")}`;

const { start, request, pullAll } = hrisAdapterHarness({
  adapter: rippling,
  startFake: (people, options: Partial<Parameters<typeof startFakeRippling>[0]>) =>
    startFakeRippling({ people, apiToken: TOKEN, ...options }),
  connection: (url) => ({ credentials: { apiToken: TOKEN }, options: { baseUrl: url } }),
});

describe("Rippling adapter against the fake", () => {
  it("follows next_link verbatim across pages and reads names from the expanded user", async () => {
    const { url, requests } = await start(makePeople(250, workerId));

    const { pages, people } = await pullAll(request(url));

    expect(pages.map((p) => p.records.length)).toEqual([100, 100, 50]);
    expect(people).toHaveLength(250);
    // Every later request is exactly the previous page's next_link.
    for (let i = 1; i < pages.length; i++) {
      const next = new URL(pages[i - 1]?.next ?? "");
      expect(requests[i]?.url).toBe(`${next.pathname}${next.search}`);
    }
    expect(requests[0]?.url).toBe("/workers/?expand=user%2Cdepartment&order_by=id&limit=100");
    expect(people[1]).toMatchObject({
      externalId: workerId(2),
      employeeNumber: "2",
      firstName: "First2",
      lastName: "Last2",
      workEmail: "person2@example.test",
      department: "Finance",
      location: "Remote",
      managerExternalId: workerId(1),
      hireDate: "2024-03-01",
      status: "active",
    });
  });

  it("sends the token as a Bearer and asks for JSON", async () => {
    const { url, requests } = await start(makePeople(2, workerId));
    await rippling.pullPage(request(url));
    expect(requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(requests[0]?.headers.accept).toBe("application/json");
  });

  it("maps statuses: HIRED is pending, TERMINATED is terminated with its end date", async () => {
    const people = makePeople(3, workerId);
    people[1] = { ...people[1], status: "pending", hireDate: "2027-01-04" } as FakePerson;
    people[2] = { ...people[2], status: "terminated", terminationDate: "2026-11-30" } as FakePerson;
    const { url } = await start(people);
    const { people: pulled } = await pullAll(request(url));
    expect(pulled.map((p) => [p.status, p.hireDate, p.terminationDate])).toEqual([
      ["active", "2024-03-01", null],
      ["pending", "2027-01-04", null],
      ["terminated", "2024-03-01", "2026-11-30"],
    ]);
  });

  it("pulls only workers updated since the watermark with an unquoted updated_at filter", async () => {
    let now = new Date("2026-06-01T12:00:00Z");
    const { url, requests, ...controls } = await start(
      makePeople(30, workerId, { updatedAt: "2026-05-01T00:00:00.000Z" }),
      { now: () => now },
    );
    now = new Date("2026-06-03T08:00:00Z");
    controls.updatePerson(workerId(12), { department: "Engineering", title: "Engineer" });
    controls.terminatePerson(workerId(20), "2026-06-03");

    const since = new Date("2026-06-02T00:00:00.000Z");
    const { people } = await pullAll(request(url, { since }));

    expect(people.map((p) => [p.externalId, p.department, p.status])).toEqual([
      [workerId(12), "Engineering", "active"],
      [workerId(20), "Finance", "terminated"],
    ]);
    expect(new URL(requests[0]?.url ?? "", url).searchParams.get("filter")).toBe(
      "updated_at gt 2026-06-02T00:00:00.000Z",
    );
  });

  it("turns a 429 into throttled with the Retry-After wait", async () => {
    const { url } = await start(makePeople(2, workerId), { throttle: { times: 1, retryAfterSeconds: 5 } });
    expect(await rejection(rippling.pullPage(request(url)))).toMatchObject({
      kind: "throttled",
      status: 429,
      retryAfterMs: 5000,
    });
  });

  it("fails fast on a rejected token, and names the missing scope on 403", async () => {
    const { url } = await start(makePeople(2, workerId));
    const auth = await rejection(
      rippling.testConnection({ ...request(url), credentials: { apiToken: "nope-nope-nope" } }),
    );
    expect(auth).toMatchObject({ kind: "auth", retriable: false });
    expect(auth.message).not.toContain("nope-nope-nope");
    const scoped = await start(makePeople(2, workerId), { scopes: ["users.read"] });
    const permission = await rejection(rippling.testConnection(request(scoped.url)));
    expect(permission).toMatchObject({ kind: "permission" });
    expect(permission.message).toContain("workers.read");
  });

  it("says there is no API at a wrong base URL", async () => {
    const { url } = await start(makePeople(2, workerId));
    const error = await rejection(rippling.testConnection(request(`${url}/not-rippling`)));
    expect(error).toMatchObject({ kind: "not_found", status: 404 });
  });

  it("reports a worker without a user name and keeps the rest of the page", async () => {
    const people = makePeople(3, workerId);
    people[1] = { ...people[1], lastName: null } as FakePerson;
    people[2] = { ...people[2], extra: { status: "ON_SABBATICAL" } } as FakePerson;
    const { url } = await start(people);
    const page = await rippling.pullPage(request(url));
    expect(page.records).toEqual([
      expect.objectContaining({ ok: true }),
      { ok: false, externalId: workerId(2), reason: "No last name." },
      { ok: false, externalId: workerId(3), reason: 'Unknown Rippling worker status "ON_SABBATICAL".' },
    ]);
  });

  it("retries a failed page from its own link", async () => {
    const { url } = await start(makePeople(150, workerId), { fail: { page: 2, status: 502, times: 1 } });
    const first = await rippling.pullPage(request(url));
    expect(await rejection(rippling.pullPage(request(url, { cursor: first.next })))).toMatchObject({
      kind: "unavailable",
      status: 502,
    });
    const second = await rippling.pullPage(request(url, { cursor: first.next }));
    expect(second.records).toHaveLength(50);
    expect(second.next).toBeNull();
  });

  it("refuses to follow a next link to another host", async () => {
    const { url } = await start(makePeople(2, workerId));
    const error = await rejection(
      rippling.pullPage(request(url, { cursor: "https://evil.example/workers/?cursor=x" })),
    );
    expect(error).toMatchObject({ kind: "bad_response" });
    expect(error.message).toContain("evil.example");
  });
});
