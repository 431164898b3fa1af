import { describe, expect, it } from "vitest";
import { startFakeBamboo } from "@/tests/fakes/hris/bamboohr";
import { type FakePerson, makePeople } from "@/tests/fakes/hris/core";
import { hrisAdapterHarness, rejection } from "@/tests/support/hris-adapter-harness";
import { BAMBOO_PAGE_SIZE, bamboohr, forgetBambooSnapshots } from "./bamboohr";

const API_KEY = "bamboo-secret-3f9a";
const bambooId = (n: number) => String(100 + n);

const { start, request, pullAll } = hrisAdapterHarness({
  adapter: bamboohr,
  startFake: (people, options: Partial<Parameters<typeof startFakeBamboo>[0]>) =>
    startFakeBamboo({ people, apiKey: API_KEY, companyDomain: "acme", ...options }),
  connection: (url) => ({
    credentials: { apiKey: API_KEY },
    options: { companyDomain: "acme", baseUrl: url },
  }),
  afterEach: forgetBambooSnapshots,
});

describe("BambooHR adapter against the fake", () => {
  it("pulls everyone, former staff included, in pages from one report", async () => {
    const people = makePeople(1200, bambooId);
    people[5] = { ...people[5], status: "terminated", terminationDate: "2026-01-31" } as FakePerson;
    const { url, requests } = await start(people);

    const { pages, people: pulled } = await pullAll(request(url));

    expect(pages.map((p) => p.records.length)).toEqual([BAMBOO_PAGE_SIZE, BAMBOO_PAGE_SIZE, 200]);
    expect(pages[0]?.total).toBe(1200);
    expect(new Set(pulled.map((p) => p.externalId)).size).toBe(1200);
    const leaver = pulled.find((p) => p.externalId === bambooId(6));
    expect(leaver).toMatchObject({ status: "terminated", terminationDate: "2026-01-31" });
    expect(pulled.find((p) => p.externalId === bambooId(2))).toMatchObject({
      firstName: "First2",
      lastName: "Last2",
      workEmail: "person2@example.test",
      department: "Finance",
      organization: "Corporate",
      managerExternalId: bambooId(1),
      hireDate: "2024-03-01",
      terminationDate: null,
      status: "active",
    });
    // One report for the whole run, asked with everyone (onlyCurrent=false) as JSON.
    const reports = requests.filter((r) => r.url.includes("/reports/custom"));
    expect(reports).toHaveLength(1);
    expect(reports[0]?.url).toBe("/api/gateway.php/acme/v1/reports/custom?format=JSON&onlyCurrent=false");
  });

  it("sends Basic auth with the key as user name and asks for JSON exactly", async () => {
    const { url, requests } = await start(makePeople(3, bambooId));
    await bamboohr.pullPage(request(url));
    const headers = requests[0]?.headers ?? {};
    expect(headers.accept).toBe("application/json");
    const [scheme, token] = (headers.authorization ?? "").split(" ");
    expect(scheme).toBe("Basic");
    expect(Buffer.from(token ?? "", "base64").toString()).toBe(`${API_KEY}:x`);
  });

  it("resumes after the last committed page, even when the report has to be read again", async () => {
    const { url, requests } = await start(makePeople(1100, bambooId));
    const first = await bamboohr.pullPage(request(url));
    forgetBambooSnapshots(); // as if the next step ran in another process
    const { people } = await pullAll(request(url, { cursor: first.next }));
    expect(people.map((p) => p.externalId)).toEqual(
      makePeople(1100, bambooId)
        .slice(500)
        .map((p) => p.id),
    );
    expect(requests.filter((r) => r.url.includes("/reports/custom"))).toHaveLength(2);
  });

  it("pulls only people changed since the watermark, via the changed map and a report of their ids", async () => {
    let now = new Date("2026-06-01T12:00:00Z");
    const { url, requests, ...controls } = await start(
      makePeople(20, bambooId, { updatedAt: "2026-05-01T00:00:00.000Z" }),
      { now: () => now },
    );
    now = new Date("2026-06-02T09:00:00Z");
    controls.updatePerson(bambooId(4), { title: "Senior Analyst" });
    controls.terminatePerson(bambooId(7), "2026-06-02");
    controls.addPerson({ ...makePeople(21, bambooId)[20], firstName: "Nova" } as FakePerson);

    const { pages, people } = await pullAll(request(url, { since: new Date("2026-06-01T00:00:00Z") }));

    expect(pages[0]?.total).toBe(3);
    expect(people.map((p) => [p.externalId, p.title, p.status])).toEqual([
      [bambooId(4), "Senior Analyst", "active"],
      [bambooId(7), "Analyst", "terminated"],
      [bambooId(21), "Analyst", "active"],
    ]);
    expect(requests.map((r) => `${r.method} ${r.url.split("?")[0]}`)).toEqual([
      "GET /api/gateway.php/acme/v1/employees/changed",
      "POST /api/gateway.php/acme/v1/reports/custom",
    ]);
    expect(JSON.parse(requests[1]?.body ?? "{}").filters.employeeIds).toEqual([
      bambooId(4),
      bambooId(7),
      bambooId(21),
    ]);
  });

  it("turns the historic 503 throttle into throttled with the Retry-After wait", async () => {
    const { url } = await start(makePeople(3, bambooId), {
      throttle: { mode: "503", times: 1, retryAfterSeconds: 45 },
    });
    const error = await rejection(bamboohr.pullPage(request(url)));
    expect(error).toMatchObject({ kind: "throttled", status: 503, retryAfterMs: 45_000, retriable: true });
    expect(error.message).toContain("Rate limit exceeded");
    // The next attempt goes through.
    expect((await bamboohr.pullPage(request(url))).records).toHaveLength(3);
  });

  it("keeps a 503 throttle without Retry-After throttled (the runner backs off), and a bare 503 an outage", async () => {
    const { url, scenario } = await start(makePeople(3, bambooId), { throttle: { mode: "503", times: 1 } });
    expect(await rejection(bamboohr.pullPage(request(url)))).toMatchObject({
      kind: "throttled",
      retryAfterMs: null,
    });
    scenario.fail = { status: 503, times: 1 };
    expect(await rejection(bamboohr.pullPage(request(url)))).toMatchObject({
      kind: "unavailable",
      status: 503,
    });
  });

  it("turns the current 429 + Retry-After throttle into throttled", async () => {
    const { url } = await start(makePeople(3, bambooId), {
      throttle: { mode: "429", times: 1, retryAfterSeconds: 12 },
    });
    expect(await rejection(bamboohr.pullPage(request(url)))).toMatchObject({
      kind: "throttled",
      retryAfterMs: 12_000,
    });
  });

  it("fails fast on a rejected key without repeating the key", async () => {
    const { url } = await start(makePeople(3, bambooId));
    const error = await rejection(
      bamboohr.testConnection({ ...request(url), credentials: { apiKey: "wrong-key-abcdef" } }),
    );
    expect(error).toMatchObject({ kind: "auth", status: 401, retriable: false });
    expect(error.message).toMatch(/rejected the API key/);
    expect(error.message).not.toContain("wrong-key-abcdef");
  });

  it("says the company does not exist for a wrong company domain", async () => {
    const { url } = await start(makePeople(3, bambooId));
    const error = await rejection(
      bamboohr.testConnection({ ...request(url), options: { companyDomain: "acme-typo", baseUrl: url } }),
    );
    expect(error).toMatchObject({ kind: "not_found", status: 404, retriable: false });
    expect(error.message).toContain('no company "acme-typo"');
  });

  it("says the key's user lacks access on 403", async () => {
    const { url } = await start(makePeople(3, bambooId), { forbidden: true });
    expect(await rejection(bamboohr.testConnection(request(url)))).toMatchObject({ kind: "permission" });
  });

  it("reports a malformed record without failing the page", async () => {
    const people = makePeople(4, bambooId);
    people[1] = { ...people[1], extra: { firstName: null } } as FakePerson;
    people[2] = { ...people[2], hireDate: "2024-02-31" } as FakePerson;
    const { url } = await start(people);
    const page = await bamboohr.pullPage(request(url));
    expect(page.records).toEqual([
      expect.objectContaining({ ok: true }),
      { ok: false, externalId: bambooId(2), reason: "No first name." },
      { ok: false, externalId: bambooId(3), reason: 'hireDate "2024-02-31" is not a date (yyyy-mm-dd).' },
      expect.objectContaining({ ok: true }),
    ]);
  });

  it("maps a server error to unavailable and a retry of the same page succeeds", async () => {
    const { url } = await start(makePeople(3, bambooId), { fail: { page: 1, status: 500, times: 1 } });
    expect(await rejection(bamboohr.pullPage(request(url)))).toMatchObject({
      kind: "unavailable",
      status: 500,
    });
    expect((await bamboohr.pullPage(request(url))).records).toHaveLength(3);
  });

  it("tests the connection with a count of current employees", async () => {
    const people = makePeople(5, bambooId);
    people[0] = { ...people[0], status: "terminated" } as FakePerson;
    const { url } = await start(people);
    expect(await bamboohr.testConnection(request(url))).toEqual({
      detail: "Connected to BambooHR company acme: 4 current employees visible.",
    });
  });

  it("accepts the company domain as a full address", async () => {
    const { url } = await start(makePeople(2, bambooId));
    const result = await bamboohr.testConnection({
      ...request(url),
      options: { companyDomain: "https://acme.bamboohr.com/home", baseUrl: url },
    });
    expect(result.detail).toContain("company acme: 2");
  });
});
