import { readFileSync } from "node:fs";
import { deflateSync, inflateSync } from "node:zlib";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db";
import type { SessionUser } from "@/server/context";
import type { Db } from "@/server/db";
import type { TenantRole } from "@/server/roles";
import type { RouteAccess } from "@/server/route";
import { payload as agentPayload } from "../factories/agent";
import { pdfBytes } from "../factories/files";
import {
  type CallingTenant,
  MARKER,
  type OtherTenant,
  seedCallingTenant,
  seedOtherTenant,
} from "../factories/isolation";
import { useTestDatabase } from "../support/database";
import { readResponse } from "../support/read-response";
import { handlersOf, loadRoute, ourRouteFolders, type RouteHandler } from "../support/routes";
import { type TenantTable, tenantRows, tenantTables } from "../support/tenant-rows";

/**
 * Tenant isolation of every route handler, as procedure-isolation.int.test.ts does for procedures:
 * staff of tenant A aim each tenant route at tenant B's ids (an import's problems, labels of B's
 * assets, exports filtered by B's records), and A's machines aim each token and public route at
 * B's devices and assets (A's device credential checking in with B's serial and hostnames, A's
 * enrollment token enrolling or sending an OCS inventory that names them), through the real
 * handler. Each answer is the status the probe expects, holding none of B's ids or marked strings;
 * B's rows stay byte-identical. Every route of ours but the platform's must have probes below, so
 * a route added later fails until someone aims it at B.
 */
const METRICS_TOKEN = vi.hoisted(() => {
  const token = "route-isolation-metrics-token-01";
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

type Aim = {
  query?: Record<string, string>;
  params?: Record<string, string>;
  form?: () => FormData;
  /** A JSON body. */
  json?: unknown;
  /** A body as bytes (an OCS agent's compressed XML). */
  bytes?: Uint8Array<ArrayBuffer>;
  /** The machine's credentials (token and public routes have no session). */
  headers?: Record<string, string>;
};
type Probe = {
  aim: (b: OtherTenant, a: CallingTenant) => Aim;
  /** 404: refused as if B's record did not exist; else a success whose body `check` looks into. */
  want: 404 | 200 | 201;
  check?: (body: Uint8Array, b: OtherTenant) => void | Promise<void>;
};
const refused = (aim: Probe["aim"]): Probe => ({ aim, want: 404 });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
/** HTTP Basic as a stock OCS agent sends it: the enrollment token is the password. */
const basic = (token: string) => ({
  authorization: `Basic ${Buffer.from(`agent:${token}`).toString("base64")}`,
  "content-type": "application/x-compress",
});
/** A recorded OCS inventory (tests/fixtures/ocs) describing B's linked device: its serial and host. */
function ocsInventoryOf(b: OtherTenant): Uint8Array<ArrayBuffer> {
  const xml = readFileSync("tests/fixtures/ocs/laptop-inventory.xml", "utf8")
    .replace("<SSN>PF3ABC12</SSN>", `<SSN>${b.assets.assigned.serial}</SSN>`)
    .replace("<NAME>nia-t14</NAME>", `<NAME>${b.agent.hostname}-linked</NAME>`)
    .replace(/<DEVICEID>[^<]*<\/DEVICEID>/, `<DEVICEID>${b.agent.hostname}-linked-2026-12-01</DEVICEID>`);
  return new Uint8Array(deflateSync(xml));
}
/** A check-in from A's device claiming a serial and a host name (B's, in the probes). */
const checkInNaming = (hostname: string, serial: string) =>
  agentPayload({ hostname, network: [], hardware: { serial } });
/** A multipart upload of a small PDF with these form fields. */
function uploadForm(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  form.set("file", new File([pdfBytes()], "probe.pdf"));
  return form;
}
const answers = (aim: Probe["aim"], check?: Probe["check"]): Probe => ({ aim, want: 200, check });
const text = (body: Uint8Array) => new TextDecoder().decode(body);
/** A CSV with its header row and nothing else. */
const headerOnly = (body: Uint8Array) => expect(text(body).trim().split("\r\n")).toHaveLength(1);

const probes: Record<string, Probe[]> = {
  // A's device credential reporting B's serials and host names: A's own device is updated, and
  // neither B's device nor B's asset is linked, touched or named in the answer
  "agent/v1/check-in": [
    answers((b, a) => ({
      headers: bearer(a.agent.checkInCredential),
      json: checkInNaming(`${b.agent.hostname}-linked`, b.assets.assigned.serial),
    })),
    answers((b, a) => ({
      headers: bearer(a.agent.checkInCredential),
      json: checkInNaming(b.agent.hostname, b.assets.stock.serial),
    })),
  ],
  // the rotation takes no input: whatever a body names, it rotates the calling device's credential
  "agent/v1/rotate": [
    answers(
      (b, a) => ({ headers: bearer(a.agent.rotateCredential), json: { deviceId: b.agent.linkedDeviceId } }),
      (body) => expect(JSON.parse(text(body))).toEqual({ credential: expect.stringMatching(/^dev_/) }),
    ),
  ],
  // A's enrollment token enrolling a device that claims B's serial and host name: a device of A's
  "agent/v1/enroll": [
    {
      aim: (b, a) => ({
        json: {
          token: a.agent.enrollmentToken,
          device: { hostname: `${b.agent.hostname}-linked`, serial: b.assets.assigned.serial },
        },
      }),
      want: 201,
    },
  ],
  // a stock agent with A's enrollment token: its prolog and an inventory naming B's device
  "agent/ocs": [
    answers(
      (b, a) => ({
        headers: basic(a.agent.enrollmentToken),
        bytes: new Uint8Array(
          deflateSync(
            `<?xml version="1.0" encoding="UTF-8"?><REQUEST><DEVICEID>${b.agent.hostname}-linked</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>`,
          ),
        ),
      }),
      (body) => expect(text(body)).toContain("SEND"),
    ),
    answers(
      (b, a) => ({ headers: basic(a.agent.enrollmentToken), bytes: ocsInventoryOf(b) }),
      (body) => expect(text(body).toLowerCase()).toContain("no_account_update"),
    ),
  ],
  // the agent benchmark's baseline: authenticates A's device, reads the body, answers nothing else
  "bench/agent-no-op": [
    answers(
      (b, a) => ({ headers: bearer(a.agent.checkInCredential), json: { deviceId: b.agent.linkedDeviceId } }),
      (body) => expect(JSON.parse(text(body))).toEqual({ status: "ok" }),
    ),
  ],
  // the operator's scrape: counters by route and outcome, nothing of any tenant
  metrics: [answers(() => ({ headers: bearer(METRICS_TOKEN) }))],
  // public: the same for everyone, so the same with nothing of B's
  health: [answers(() => ({}))],
  "agent/v1/install.sh": [answers(() => ({}))],
  "agent/v1/download/[os]/[arch]": [answers(() => ({ params: { os: "linux", arch: "amd64" } }))],
  // the caller's own live notifications: A's count, nothing of B's
  "notifications/stream": [
    answers(
      () => ({}),
      (body) => expect(text(body)).toBe('event: unread\ndata: {"count":0}\n\n'),
    ),
  ],
  "assets/import/[id]/problems": [refused((b) => ({ params: { id: b.import.id } }))],
  "employees/import/[id]/problems": [refused((b) => ({ params: { id: b.employeeImport.id } }))],
  // an upload attached to B's asset is refused, and nothing of it is kept
  files: [
    refused((b) => ({
      form: () => uploadForm({ purpose: "invoice", ownerType: "asset", ownerId: b.assets.stock.id }),
    })),
  ],
  "files/[id]": [
    refused((b) => ({ params: { id: b.files.photo.id } })),
    refused((b) => ({ params: { id: b.files.contract.id } })),
    refused((b) => ({ params: { id: b.files.pending.id } })),
  ],
  // B's PDF too: that a preview may be framed changes nothing about who may fetch it
  "files/[id]/preview": [
    refused((b) => ({ params: { id: b.files.photo.id } })),
    refused((b) => ({ params: { id: b.files.contract.id } })),
  ],
  // the portal finds "me" from the session: B's held asset is nothing A's user holds
  "portal/receipts": [
    refused((b) => ({ json: { assetId: b.assets.assigned.id, signerName: "Alpha Signer" } })),
  ],
  "portal/receipts/[assetId]": [refused((b) => ({ params: { assetId: b.assets.assigned.id } }))],
  "files/[id]/thumbnail": [refused((b) => ({ params: { id: b.files.photo.id } }))],
  "integrations/runs/[runId]/events": [refused((b) => ({ params: { runId: b.integration.runId } }))],
  "assets/labels": [
    refused((b) => ({ query: { ids: `${b.assets.assigned.id},${b.assets.stock.id}` } })),
    refused((b) => ({ query: { location: b.room.id } })),
    refused((b) => ({ query: { q: b.assets.stock.name } })),
    // A's asset beside B's: one label (a roll prints one per page), A's
    answers(
      (b, a) => ({ query: { ids: `${a.assets.stock.id},${b.assets.stock.id}`, size: "dymo-30252" } }),
      async (body) => expect((await PDFDocument.load(body)).getPageCount()).toBe(1),
    ),
  ],
  "assets/export": [
    answers((b) => ({ query: { location: b.room.id } }), headerOnly),
    answers((b) => ({ query: { employee: b.holder.id } }), headerOnly),
    answers((b) => ({ query: { category: b.category.id } }), headerOnly),
    answers((b) => ({ query: { status: b.status.id } }), headerOnly),
    answers(() => ({ query: { q: MARKER } }), headerOnly),
    answers(() => ({})),
  ],
  "employees/export": [
    answers((b) => ({ query: { q: b.holder.name } }), headerOnly),
    answers((b) => ({ query: { manager: b.holder.id, department: b.department.id } }), headerOnly),
    answers((b) => ({ query: { location: b.room.id } }), headerOnly),
    answers(() => ({ query: { q: MARKER } }), headerOnly),
    answers(() => ({})),
  ],
  "audit/export": [
    answers((b) => ({ query: { entityType: "asset", entityId: b.assets.assigned.id } }), headerOnly),
    answers((b) => ({ query: { actor: b.admin.id } }), headerOnly),
    answers(() => ({})),
  ],
};

const callerRoles = ["admin", "it_staff", "auditor", "employee"] as const;
/**
 * Who calls a route in the probes: the first of A's users whose role it admits, so a refusal is
 * isolation, not the role check; a machine of A's (its credentials in the probe's headers) for
 * token and public routes. Platform routes see every tenant by design and are not probed.
 */
type ProbeCaller = TenantRole | "machine";
function callerOf(access: RouteAccess | undefined): ProbeCaller | undefined {
  if (access?.kind === "token" || access?.kind === "public") return "machine";
  return callerRoles.find(
    (role) => access?.kind === "roles" && (access.roles as readonly string[]).includes(role),
  );
}

let handle: DatabaseHandle;
let db: Db;
let b: OtherTenant;
let a: CallingTenant;
let tables: TenantTable[];
let before: Record<string, string[]>;
/** Lower-cased: every uuid in B's rows and every string in them that carries the marker. */
let secrets: string[];

function collectSecrets(snapshot: Record<string, string[]>): string[] {
  const found = new Set<string>([b.admin.email.toLowerCase()]);
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const walk = (value: unknown): void => {
    if (typeof value === "string") {
      if (uuid.test(value) || value.toLowerCase().includes(MARKER.toLowerCase()))
        found.add(value.toLowerCase());
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  for (const rows of Object.values(snapshot)) for (const row of rows) walk(JSON.parse(row));
  return [...found];
}

beforeAll(async () => {
  // A database of its own: another file's relay or engine changing B's rows mid-test would look
  // like a leak.
  handle = await useTestDatabase({ isolated: true });
  db = handle.db;
  b = await seedOtherTenant(db);
  a = await seedCallingTenant(db, b);
  tables = await tenantTables(db);
  before = await tenantRows(db, tables, b.tenantId);
  secrets = collectSecrets(before);
}, 120_000);
afterAll(() => handle?.close());

/** The probed routes: every method of ours that A's staff or A's machines can call. */
async function probedRoutes(): Promise<Array<[string, string, RouteHandler, ProbeCaller]>> {
  const found: Array<[string, string, RouteHandler, ProbeCaller]> = [];
  for (const folder of ourRouteFolders()) {
    for (const [method, handler] of handlersOf(await loadRoute(folder))) {
      const caller = callerOf(handler.access);
      if (caller) found.push([folder, method, handler, caller]);
    }
  }
  return found;
}

/** The request a probe sends: its query, the body it names and the machine's headers. */
function requestOf(folder: string, method: string, aim: Aim): Request {
  const url = `http://localhost:3000/api/${folder}?${new URLSearchParams(aim.query)}`;
  const headers: Record<string, string> = {
    ...(aim.json === undefined ? {} : { "content-type": "application/json" }),
    ...aim.headers,
  };
  const body = aim.json !== undefined ? JSON.stringify(aim.json) : (aim.bytes ?? aim.form?.());
  return new Request(url, { method, body, headers });
}

/**
 * Sends a probe and looks for B's secrets in the answer, except those `supplied` names: what A
 * aimed with is no leak, nor is what A's machines wrote into A's own records by earlier probes
 * (a check-in naming B's host name makes it the name of A's device).
 */
async function probe(
  folder: string,
  method: string,
  handler: RouteHandler,
  caller: ProbeCaller,
  aim: Aim,
  earlier = "",
) {
  sessionUser = caller === "machine" ? null : a.users[caller];
  const response = await handler(requestOf(folder, method, aim), {
    params: Promise.resolve(aim.params ?? {}),
  });
  const raw = await readResponse(response);
  // OCS replies are zlib-compressed XML: looked into inflated, as the agent reads them.
  const answer =
    response.headers.get("content-type") === "application/x-compress"
      ? new Uint8Array(inflateSync(raw))
      : raw;
  const { bytes: _bytes, ...described } = aim;
  const supplied = `${earlier}${JSON.stringify(described)}`.toLowerCase();
  const haystack = Buffer.from(answer).toString("latin1").toLowerCase();
  const leaks = secrets.filter((secret) => haystack.includes(secret) && !supplied.includes(secret));
  return { status: response.status, body: answer, leaks, supplied };
}

describe("route handler isolation", () => {
  it("finds the tenant, token and public routes", async () => {
    expect((await probedRoutes()).map(([folder]) => folder)).toEqual(
      expect.arrayContaining([
        "assets/export",
        "assets/labels",
        "assets/import/[id]/problems",
        "employees/import/[id]/problems",
        "audit/export",
        "agent/v1/check-in",
        "agent/v1/rotate",
        "agent/v1/enroll",
        "agent/ocs",
        "metrics",
        "health",
      ]),
    );
  });

  it("has probes for every route", async () => {
    const missing = (await probedRoutes()).filter(([folder]) => !probes[folder]?.length);
    expect(
      missing.map(([folder, method]) => `${method} app/api/${folder}`),
      "aim them at tenant B",
    ).toEqual([]);
  });

  // Staff first: their downloads (an audit export) then hold nothing A's machines were given.
  it("answers A's staff with nothing of B", async () => {
    for (const [folder, method, handler, caller] of await probedRoutes()) {
      if (caller === "machine") continue;
      for (const [index, { aim, want, check }] of (probes[folder] ?? []).entries()) {
        const what = `${method} app/api/${folder} probe ${index + 1} as ${caller}`;
        const { status, body, leaks } = await probe(folder, method, handler, caller, aim(b, a));
        expect(status, `${what}: ${text(body).slice(0, 200)}`).toBe(want);
        expect(leaks, what).toEqual([]);
        if (check) await check(body, b);
      }
    }
  }, 120_000);

  it("answers A's machines with nothing of B", async () => {
    let earlier = "";
    for (const [folder, method, handler, caller] of await probedRoutes()) {
      if (caller !== "machine") continue;
      for (const [index, { aim, want, check }] of (probes[folder] ?? []).entries()) {
        const what = `${method} app/api/${folder} probe ${index + 1} as A's machine`;
        const answer = await probe(folder, method, handler, caller, aim(b, a), earlier);
        expect(answer.status, `${what}: ${text(answer.body).slice(0, 200)}`).toBe(want);
        expect(answer.leaks, what).toEqual([]);
        if (check) await check(answer.body, b);
        earlier = answer.supplied;
      }
    }
  }, 120_000);

  it("leaves every row of B as it was", async () => {
    const after = await tenantRows(db, tables, b.tenantId);
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
  });
});
