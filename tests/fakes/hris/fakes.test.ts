import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeBamboo } from "./bamboohr";
import { type FakePerson, makePeople } from "./core";
import { startFakeOkta } from "./okta";
import { startFakeRippling } from "./rippling";

/**
 * The fakes behave like the providers in the ways adapters get wrong (providers.md section 7), so
 * an adapter that passes against them is not passing against a friendlier API than the real one.
 */

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Raw response headers as sent (node's fetch joins repeated headers; this keeps the lines apart). */
function rawHeaders(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; raw: string[] }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, raw: res.rawHeaders }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("fake BambooHR", () => {
  const basic = `Basic ${Buffer.from("key:x").toString("base64")}`;

  it("answers reports 404 unless JSON is asked for exactly, and serves both path styles", async () => {
    const fake = await startFakeBamboo({ people: makePeople(3, String), apiKey: "key" });
    closers.push(fake.close);
    const report = (path: string, accept: string) =>
      fetch(`${fake.url}${path}/reports/custom?format=JSON`, {
        method: "POST",
        headers: { authorization: basic, accept },
        body: JSON.stringify({ fields: ["firstName"] }),
      });
    expect((await report("/api/gateway.php/acme/v1", "*/*")).status).toBe(404);
    expect((await report("/api/gateway.php/acme/v1", "application/json")).status).toBe(200);
    expect((await report("/api/v1", "application/json")).status).toBe(200);
    expect((await report("/api/gateway.php/other/v1", "application/json")).status).toBe(404);
  });

  it("keys changed employees by id and hides former staff from the directory unless asked", async () => {
    let now = new Date("2026-01-01T00:00:00Z");
    const fake = await startFakeBamboo({ people: makePeople(3, String), apiKey: "key", now: () => now });
    closers.push(fake.close);
    now = new Date("2026-02-01T00:00:00Z");
    fake.terminatePerson("2");
    const get = (path: string) =>
      fetch(`${fake.url}/api/gateway.php/acme/v1${path}`, {
        headers: { authorization: basic, accept: "application/json" },
      });
    const changed = await (await get("/employees/changed?since=2026-01-15T00:00:00Z")).json();
    expect(changed.employees).toEqual({ "2": expect.objectContaining({ id: "2", action: "Updated" }) });
    expect((await get("/employees/changed")).status).toBe(400);
    const current = await (await get("/employees/directory")).json();
    expect(current.employees.map((e: { id: string }) => e.id)).toEqual(["1", "3"]);
    const everyone = await (await get("/employees/directory?onlyCurrent=false")).json();
    expect(everyone.employees).toHaveLength(3);
  });
});

describe("fake Okta", () => {
  it("sends self and next as separate Link lines and rate-limit headers on every response", async () => {
    const fake = await startFakeOkta({ people: makePeople(3, (n) => `00u${n}`), apiToken: "tok" });
    closers.push(fake.close);
    const ok = await rawHeaders(`${fake.url}/api/v1/users?limit=2`, { authorization: "SSWS tok" });
    const links = ok.raw.filter((_, i) => i % 2 === 0 && ok.raw[i]?.toLowerCase() === "link").length;
    expect(links).toBe(2);
    const denied = await rawHeaders(`${fake.url}/api/v1/users`, { authorization: "SSWS nope" });
    expect(denied.status).toBe(401);
    for (const { raw } of [ok, denied]) {
      const names = raw.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase());
      expect(names).toEqual(
        expect.arrayContaining(["x-rate-limit-limit", "x-rate-limit-remaining", "x-rate-limit-reset"]),
      );
    }
  });

  it("leaves deprovisioned users out of the plain list only", async () => {
    const people = makePeople(3, (n) => `00u${n}`);
    people[1] = { ...people[1], status: "terminated" } as FakePerson;
    const fake = await startFakeOkta({ people, apiToken: "tok" });
    closers.push(fake.close);
    const list = (query: string) =>
      fetch(`${fake.url}/api/v1/users${query}`, { headers: { authorization: "SSWS tok" } }).then((r) =>
        r.json(),
      );
    expect(await list("")).toHaveLength(2);
    expect(await list(`?search=${encodeURIComponent('status eq "DEPROVISIONED"')}`)).toHaveLength(1);
    const ne = await fetch(`${fake.url}/api/v1/users?search=${encodeURIComponent('status ne "ACTIVE"')}`, {
      headers: { authorization: "SSWS tok" },
    });
    expect(ne.status).toBe(400);
  });
});

describe("fake Rippling", () => {
  it("wants the trailing slash, unquoted dates and an opaque cursor", async () => {
    const fake = await startFakeRippling({
      people: makePeople(3, (n) => `w_${n}`),
      apiToken: "tok",
      pageSize: 2,
    });
    closers.push(fake.close);
    const get = (path: string) => fetch(`${fake.url}${path}`, { headers: { authorization: "Bearer tok" } });
    expect((await get("/workers")).status).toBe(404);
    expect(
      (await get(`/workers/?filter=${encodeURIComponent("updated_at gt '2026-01-01T00:00:00Z'")}`)).status,
    ).toBe(400);
    const first = await (await get("/workers/")).json();
    expect(first.results).toHaveLength(2);
    expect(first.results[0]).not.toHaveProperty("user");
    const cursor = new URL(first.next_link).searchParams.get("cursor") ?? "";
    expect(cursor).not.toMatch(/^\d+$/);
    expect((await get("/workers/?cursor=2")).status).toBe(400);
  });
});
