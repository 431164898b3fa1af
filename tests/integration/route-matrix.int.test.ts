import { deflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db";
import type { SessionUser } from "@/server/context";
import { fileStorage } from "@/server/files/storage";
import { type Role, roles } from "@/server/roles";
import type { RouteAccess } from "@/server/route";
import { payload as agentPayload, createTestEnrollmentToken, enrollTestDevice } from "../factories/agent";
import { createAssetFixtures, createTestAsset } from "../factories/assets";
import { pdfBytes, pngBytes, uploadAs } from "../factories/files";
import { seedIntegration } from "../factories/integrations";
import { callerFor } from "../factories/isolation";
import { acceptedReceiptOf, heldAssetOf } from "../factories/portal";
import { createSuperAdmin, createTestTenant, createTestUser, type TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";
import { readResponse } from "../support/read-response";
import {
  delegatedRoutes,
  handlersOf,
  loadRoute,
  METHODS,
  ourRouteFolders,
  type RouteHandler,
  type RouteModule,
  routeFolders,
} from "../support/routes";

/**
 * Every route file under app/api (found on disk, so a new one is covered without touching this
 * file) x every caller: each exported method declares its access through a rung of server/route.ts,
 * and answers 401 to anonymous callers, 403 to roles it does not declare, and 2xx to those it does.
 * A method built by hand fails "declares its access" until it goes through a rung.
 */
const METRICS_TOKEN = vi.hoisted(() => {
  const token = "route-matrix-metrics-token-0123";
  process.env.METRICS_TOKEN = token;
  // the benchmark's baseline route answers as on a bench server
  process.env.BENCH_ROUTES = "true";
  return token;
});
/** The agent's binaries are served from here: one stand-in, so the download answers 200. */
await vi.hoisted(async () => {
  const { mkdtempSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const dist = mkdtempSync(join(tmpdir(), "agent-dist-"));
  writeFileSync(join(dist, "assetronics-agent-linux-amd64"), "#!/bin/sh\necho stand-in\n");
  process.env.AGENT_DIST_DIR = dist;
});

let sessionUser: SessionUser | null = null;
vi.mock("@/server/auth/session", () => ({ getSessionUser: async () => sessionUser }));

/** The bearer token the matrix sends to a token route, by the verifier's name. */
const tokens: Record<string, string> = { "the METRICS_TOKEN": METRICS_TOKEN };
/** Device credentials of enrolled devices, one per call (a rotation retires the one it used). */
const deviceCredentials: string[] = [];
Object.defineProperty(tokens, "a device credential", { get: () => deviceCredentials.shift() });
/** Verifiers that read HTTP Basic (stock OCS agents): the token goes in as the Basic password. */
const basicVerifiers = new Set(["an enrollment token as the HTTP Basic password (realm Assetronics)"]);

const isAccess = (value: unknown): value is RouteAccess => {
  const access = value as RouteAccess | undefined;
  if (access?.kind === "public") return access.reason.trim().length > 0;
  if (access?.kind === "token") return access.verifier.trim().length > 0;
  return access?.kind === "roles" && access.roles.length > 0;
};

/** The HTTP methods a route module exports that were not built by a rung (no access declared). */
function undeclaredMethods(module: RouteModule): string[] {
  return METHODS.filter((method) => method in module && !isAccess((module[method] as RouteHandler).access));
}

const folders = routeFolders();
const ours = ourRouteFolders();
/** Every method of our route files that declares its access: the rows of the matrix. */
const declared = (
  await Promise.all(
    ours.map(async (folder) =>
      handlersOf(await loadRoute(folder)).map(([method, handler]) => [folder, method, handler] as const),
    ),
  )
)
  .flat()
  .filter(([, , handler]) => isAccess(handler.access));

type Caller = "anonymous" | "token" | Role;
let handle: DatabaseHandle;
const users = {} as Record<Role, SessionUser>;
/** A request each route answers 2xx to when the caller may use it: its path params and body (JSON or a form). */
type Sample = {
  params?: Record<string, string>;
  body?: unknown;
  form?: () => FormData;
  /** A body that is not JSON, with its content type. */
  raw?: { type: string; bytes: () => Uint8Array<ArrayBuffer> };
};
/** The portal acts for the caller's own employee record, so its samples differ per caller. */
const samples: Record<string, Sample & { byCaller?: Partial<Record<Caller, Sample>> }> = {};

beforeAll(async () => {
  handle = await useTestDatabase();
  const { tenant, admin } = await createTestTenant(handle.db, "Route matrix");
  users.admin = { ...admin, tenantName: tenant.name };
  const staff: TestUser = await createTestUser(handle.db, tenant, "it_staff");
  users.it_staff = staff;
  for (const role of ["auditor", "employee"] as const) {
    users[role] = await createTestUser(handle.db, tenant, role);
  }
  const superAdmin = await createSuperAdmin(handle.db);
  users.super_admin = { ...superAdmin, role: "super_admin", tenantId: null, tenantName: null };

  const fixtures = await createAssetFixtures(handle.db, tenant.id);
  const laptop = await createTestAsset(handle.db, staff, fixtures.categoryId, { name: "Matrix laptop" });
  const photo = await uploadAs(handle.db, staff, fileStorage(), {
    purpose: "photo",
    name: "matrix.png",
    bytes: await pngBytes(),
    owner: { type: "asset", id: laptop.id },
  });
  for (const folder of ["files/[id]", "files/[id]/preview", "files/[id]/thumbnail"]) {
    samples[folder] = { params: { id: photo.id } };
  }
  samples.files = {
    form: () => {
      const form = new FormData();
      form.set("purpose", "invoice");
      form.set("file", new File([pdfBytes()], "matrix.pdf"));
      return form;
    },
  };
  const upload = await callerFor(staff).assets.import.upload({
    fileName: "matrix.csv",
    content: "Name,Category\nMatrix monitor,Monitors\n",
  });
  samples["assets/import/[id]/problems"] = { params: { id: upload.id } };
  const people = await callerFor(staff).employees.import.upload({
    fileName: "matrix-people.csv",
    content: "Name,Work email\nMatrix Person,matrix-person@example.test\n",
  });
  samples["employees/import/[id]/problems"] = { params: { id: people.id } };
  // a run that has ended: its progress stream sends the summary and closes
  const integration = await seedIntegration(handle.db, callerFor(users.admin), tenant.id, "Matrix HR");
  samples["integrations/runs/[runId]/events"] = { params: { runId: integration.runId } };

  const enrollment = await createTestEnrollmentToken(handle.db, users.admin as TestUser);
  samples["agent/v1/enroll"] = { body: { token: enrollment.token, device: { hostname: "matrix-pc" } } };
  // check-in, rotate and the agent benchmark's baseline
  for (let i = 0; i < 3; i++) deviceCredentials.push((await enrollTestDevice(enrollment.token)).credential);
  samples["agent/v1/check-in"] = { body: agentPayload({ hostname: "matrix-pc" }) };
  samples["agent/v1/download/[os]/[arch]"] = { params: { os: "linux", arch: "amd64" } };
  samples["agent/ocs"] = {
    raw: {
      type: "application/x-compress",
      bytes: () =>
        new Uint8Array(
          deflateSync("<REQUEST><DEVICEID>matrix-ocs</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>"),
        ),
    },
  };
  Object.defineProperty(tokens, [...basicVerifiers][0] as string, { get: () => enrollment.token });

  samples["portal/receipts"] = { body: {}, byCaller: {} };
  samples["portal/receipts/[assetId]"] = { params: { assetId: laptop.id }, byCaller: {} };
  for (const role of ["admin", "it_staff", "auditor", "employee"] as const) {
    const user = { ...users[role], role } as TestUser;
    const toAccept = await heldAssetOf(handle.db, staff, fixtures.categoryId, user);
    samples["portal/receipts"].byCaller = {
      ...samples["portal/receipts"].byCaller,
      [role]: { body: { assetId: toAccept.id, signerName: user.name } },
    };
    const accepted = await heldAssetOf(handle.db, staff, fixtures.categoryId, user);
    await acceptedReceiptOf(handle.db, user, accepted.id);
    samples["portal/receipts/[assetId]"].byCaller = {
      ...samples["portal/receipts/[assetId]"].byCaller,
      [role]: { params: { assetId: accepted.id } },
    };
  }
});
afterAll(() => handle.close());

function expected(access: RouteAccess, caller: Caller): "2xx" | 401 | 403 {
  if (access.kind === "public") return "2xx";
  if (access.kind === "token") return caller === "token" ? "2xx" : 401;
  if (caller === "anonymous") return 401;
  return (access.roles as readonly string[]).includes(caller) ? "2xx" : 403;
}

async function call(folder: string, method: string, handler: RouteHandler, caller: Caller): Promise<number> {
  const sample = { ...samples[folder], ...samples[folder]?.byCaller?.[caller] };
  if (folder.includes("[") && !sample.params) {
    throw new Error(`Give the route matrix a sample request for app/api/${folder} (its path params).`);
  }
  const access = handler.access as RouteAccess;
  const token = caller === "token" && access.kind === "token" ? tokens[access.verifier] : undefined;
  if (caller === "token" && !token) throw new Error(`Give the route matrix a token for ${folder}.`);
  sessionUser = caller === "anonymous" || caller === "token" ? null : users[caller];
  const basic = access.kind === "token" && basicVerifiers.has(access.verifier);
  const headers: Record<string, string> =
    caller !== "token"
      ? {}
      : {
          authorization: basic
            ? `Basic ${Buffer.from(`agent:${token}`).toString("base64")}`
            : `Bearer ${token}`,
        };
  const body =
    sample.raw?.bytes() ??
    sample.form?.() ??
    (sample.body === undefined ? undefined : JSON.stringify(sample.body));
  if (typeof body === "string") headers["content-type"] = "application/json";
  if (sample.raw) headers["content-type"] = sample.raw.type;
  const response = await handler(
    new Request(`http://localhost:3000/api/${folder}`, { method, headers, body }),
    {
      params: Promise.resolve(sample.params ?? {}),
    },
  );
  // a download that fails halfway is no 2xx: read it to the end (a live stream: its first event)
  await readResponse(response);
  return response.status;
}

describe("route matrix", () => {
  it("finds the route files under app/api", () => {
    expect(folders).toEqual(expect.arrayContaining(["assets/export", "audit/export", "health", "metrics"]));
    expect(ours.length).toBeGreaterThanOrEqual(6);
  });

  it.each(Object.entries(delegatedRoutes))("app/api/%s is delegated: %s", (folder, reason) => {
    expect(folders, `app/api/${folder} no longer exists: drop it from the list`).toContain(folder);
    expect(reason.length).toBeGreaterThan(20);
  });

  it("refuses a route file with a hand-written handler (fixture)", async () => {
    const fixture = (await import("../fixtures/undeclared-route")) as RouteModule;
    expect(undeclaredMethods(fixture)).toEqual(["GET"]);
  });

  it.each(ours)("app/api/%s declares its access on every method", async (folder) => {
    const module = await loadRoute(folder);
    expect(handlersOf(module).length, `app/api/${folder} exports no handler`).toBeGreaterThan(0);
    expect(undeclaredMethods(module), `build these through server/route.ts`).toEqual([]);
  });

  const cases = declared.flatMap(([folder, method, handler]) => {
    const callers: Caller[] =
      handler.access?.kind === "token" ? ["token", "anonymous", ...roles] : ["anonymous", ...roles];
    return callers.map((caller) => [method, folder, caller, handler] as const);
  });
  it.each(cases)(
    "%s app/api/%s as %s",
    async (method, folder, caller, handler) => {
      const want = expected(handler.access as RouteAccess, caller);
      const status = await call(folder, method, handler, caller);
      if (want === "2xx") {
        expect(status, "declared allowed").toBeGreaterThanOrEqual(200);
        expect(status, "declared allowed").toBeLessThan(300);
      } else expect(status).toBe(want);
    },
    60_000,
  );
});
