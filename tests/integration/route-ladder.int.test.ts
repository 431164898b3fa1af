import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { DatabaseHandle } from "@/db";
import type { SessionUser } from "@/server/context";
import { withPlatform } from "@/server/db";
import { AppError } from "@/server/errors";
import { jsonResponse } from "@/server/http";
import { platformRoute, tenantRoute, tokenDigest, tokenRoute } from "@/server/route";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { createSuperAdmin, createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";

/**
 * The rungs of server/route.ts as a caller meets them: bad input is a 400 naming each field, a
 * service's AppError keeps its status and message, anything else is a 500 with only a reference,
 * a tenant handler's writes commit or roll back with it, the platform rung sees every tenant, the
 * token rung admits only a token its verifier knows, and a CSV download streams without holding a
 * transaction open while the client reads.
 */
let sessionUser: SessionUser | null = null;
vi.mock("@/server/auth/session", () => ({ getSessionUser: async () => sessionUser }));

const { GET: exportAssets } = await import("@/app/api/assets/export/route");
const { GET: printLabels } = await import("@/app/api/assets/labels/route");
const { GET: importProblems } = await import("@/app/api/assets/import/[id]/problems/route");
const { GET: exportAudit } = await import("@/app/api/audit/export/route");

let handle: DatabaseHandle;
let admin: TestUser;
let staff: TestUser;
let superAdmin: SessionUser;
const ASSETS = 40;

beforeAll(async () => {
  // A database of its own: the stream test counts the open transactions in it.
  handle = await useTestDatabase({ isolated: true });
  const created = await createTestTenant(handle.db, "Ladder");
  admin = created.admin;
  staff = await createTestUser(handle.db, created.tenant, "it_staff");
  await createTestTenant(handle.db, "Ladder neighbour");
  superAdmin = {
    ...(await createSuperAdmin(handle.db)),
    role: "super_admin",
    tenantId: null,
    tenantName: null,
  };
  const fixtures = await createAssetFixtures(handle.db, created.tenant.id);
  for (let i = 0; i < ASSETS; i++) {
    await createTestAsset(handle.db, staff, fixtures.categoryId, { name: `Ladder laptop ${i}` });
  }
}, 120_000);
afterAll(() => handle.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  new Request(`http://localhost:3000${path}`, { headers });
const post = (path: string, body: string) =>
  new Request(`http://localhost:3000${path}`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json" },
  });
type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string[]> } };
const errorOf = async (response: Response) => ((await response.json()) as ErrorBody).error;

describe("input", () => {
  it("answers a bad query string with 400 and the field that is wrong", async () => {
    sessionUser = admin;
    const response = await exportAudit(get("/api/audit/export?from=yesterday"));
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("from: Enter a date as YYYY-MM-DD");
    expect(error.fields?.from?.[0]).toMatch(/YYYY-MM-DD/);

    sessionUser = staff;
    const labels = await printLabels(get("/api/assets/labels?ids=not-an-asset"));
    expect(labels.status).toBe(400);
    expect((await errorOf(labels)).fields?.ids).toEqual(["ids must be asset ids"]);
  });

  it("answers a malformed path segment with 400 naming it", async () => {
    sessionUser = staff;
    const response = await importProblems(get("/api/assets/import/nope/problems"), {
      params: Promise.resolve({ id: "nope" }),
    });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).fields?.id).toEqual(["must be an import id"]);
  });

  const countRoute = tenantRoute(
    ["admin"],
    { body: z.object({ count: z.number().int().min(1) }) },
    async ({ input }) => jsonResponse({ doubled: input.body.count * 2 }),
  );

  it("parses a JSON body, refusing one that is not JSON or has a wrong field", async () => {
    sessionUser = admin;
    expect(await (await countRoute(post("/api/count", '{"count":4}'))).json()).toEqual({ doubled: 8 });
    const notJson = await countRoute(post("/api/count", "{"));
    expect(notJson.status).toBe(400);
    expect((await errorOf(notJson)).message).toBe("The request body must be JSON.");
    const wrong = await errorOf(await countRoute(post("/api/count", '{"count":0}')));
    expect(wrong.fields?.count).toHaveLength(1);
  });

  it("checks the caller before it reads the input", async () => {
    sessionUser = null;
    expect((await countRoute(post("/api/count", "{"))).status).toBe(401);
    sessionUser = staff;
    expect((await countRoute(post("/api/count", "{"))).status).toBe(403);
  });
});

describe("errors", () => {
  it("keeps a service's AppError status and message", async () => {
    sessionUser = staff;
    const response = await printLabels(get("/api/assets/labels?q=nothing+is+called+this"));
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toEqual({
      code: "NOT_FOUND",
      message: "No assets match; there is nothing to print.",
    });
  });

  it("answers anything else with a 500 that quotes the request id and nothing of the error", async () => {
    sessionUser = admin;
    const broken = tenantRoute(["admin"], {}, async () => {
      throw new Error("connection to 10.0.0.7 refused");
    });
    const response = await broken(get("/api/broken", { "x-request-id": "ladder-0123456789" }));
    expect(response.status).toBe(500);
    const error = await errorOf(response);
    expect(error.message).toBe("Something went wrong on our side (reference ladder-0123456789).");
    expect(JSON.stringify(error)).not.toContain("10.0.0.7");
  });
});

describe("transactions", () => {
  const locationNamed = (name: string) =>
    withPlatform(handle.db, (trx) =>
      trx.selectFrom("locations").select(["tenant_id"]).where("name", "=", name).executeTakeFirst(),
    );
  const addLocation = (fail: boolean) =>
    tenantRoute(["admin"], { body: z.object({ name: z.string() }) }, async ({ db, tenantId, input }) => {
      await db
        .insertInto("locations")
        .values({ tenant_id: tenantId, name: input.body.name, kind: "site" })
        .execute();
      if (fail) throw new AppError("CONFLICT", "That site clashes with another.");
      const { tenant } = await sql<{ tenant: string }>`select current_setting('app.tenant_id') as tenant`
        .execute(db)
        .then((result) => result.rows[0] ?? { tenant: "" });
      return jsonResponse({ tenant });
    });

  it("commits a tenant handler's writes in the caller's tenant", async () => {
    sessionUser = admin;
    const response = await addLocation(false)(post("/api/sites", '{"name":"Ladder committed"}'));
    expect(await response.json()).toEqual({ tenant: admin.tenantId });
    expect(await locationNamed("Ladder committed")).toEqual({ tenant_id: admin.tenantId });
  });

  it("rolls them back when the handler fails", async () => {
    sessionUser = admin;
    const response = await addLocation(true)(post("/api/sites", '{"name":"Ladder rolled back"}'));
    expect(response.status).toBe(409);
    expect(await locationNamed("Ladder rolled back")).toBeUndefined();
  });

  const tenantCount = platformRoute({}, async ({ db }) => {
    const rows = await db.selectFrom("tenants").select("id").execute();
    return jsonResponse({ tenants: rows.length });
  });

  it("opens a platform transaction for super admins only", async () => {
    sessionUser = superAdmin;
    expect(
      ((await (await tenantCount(get("/api/platform/tenants"))).json()) as { tenants: number }).tenants,
    ).toBeGreaterThanOrEqual(2);
    sessionUser = admin;
    expect((await tenantCount(get("/api/platform/tenants"))).status).toBe(403);
    sessionUser = null;
    expect((await tenantCount(get("/api/platform/tenants"))).status).toBe(401);
  });
});

describe("token rung", () => {
  // A device table as the agent will have it: only each token's SHA-256 is kept.
  const devices = new Map([[tokenDigest("device-token-of-the-front-desk-mac"), "front-desk-mac"]]);
  const checkIn = tokenRoute(
    { name: "a device token", verify: (token) => (token ? (devices.get(tokenDigest(token)) ?? null) : null) },
    {},
    async ({ caller }) => jsonResponse({ device: caller }),
  );

  it("admits the token its verifier knows, and only that", async () => {
    sessionUser = admin;
    const known = await checkIn(
      get("/api/agent", { authorization: "Bearer device-token-of-the-front-desk-mac" }),
    );
    expect(await known.json()).toEqual({ device: "front-desk-mac" });
    for (const authorization of ["Bearer someone-elses-token", "Basic ZGV2aWNlOnRva2Vu", ""]) {
      const refused = await checkIn(get("/api/agent", { authorization }));
      expect(refused.status, authorization).toBe(401);
      expect((await errorOf(refused)).message).toContain("Send a device token as a bearer token");
    }
    expect(checkIn.access).toEqual({ kind: "token", verifier: "a device token" });
  });
});

describe("downloads", () => {
  it("streams a CSV with download headers, holding no transaction while the client reads", async () => {
    sessionUser = admin;
    const response = await exportAssets(get("/api/assets/export?sort=name&dir=asc"));
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "text/csv; charset=utf-8",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    });
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="assets-[\w.-]+\.csv"/,
    );

    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let csv = decoder.decode((await reader.read()).value);
    expect(csv).toMatch(/^Asset Tag,Name,/);
    // Half read: the rung's request is over, so nothing may sit in a transaction...
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (handle.driver === "postgres") {
      const { rows } = await sql<{ open: number }>`
        select count(*)::int as open from pg_stat_activity
        where datname = current_database() and state like 'idle in transaction%'`.execute(handle.db);
      expect(rows[0]?.open).toBe(0);
    }
    // ...and the tenant's other requests go on (PGlite has one connection: a held one would hang this).
    const audit = await exportAudit(get("/api/audit/export"));
    expect(audit.status).toBe(200);
    await audit.arrayBuffer();

    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      csv += decoder.decode(chunk.value, { stream: true });
    }
    const rows = csv.trim().split("\r\n");
    expect(rows).toHaveLength(ASSETS + 1);
    expect(rows[1]).toContain("Ladder laptop 0");
  });

  it("sends a label sheet inline as a PDF", async () => {
    sessionUser = staff;
    const response = await printLabels(get("/api/assets/labels?size=avery-5160"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toMatch(
      /^inline; filename="asset-labels-avery-5160-/,
    );
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });
});
