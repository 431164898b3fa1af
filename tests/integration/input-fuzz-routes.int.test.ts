import { readFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db";
import type { SessionUser } from "@/server/context";
import { type Db, withPlatform } from "@/server/db";
import { payload as agentPayload, createTestEnrollmentToken, enrollTestDevice } from "../factories/agent";
import { type OtherTenant, otherTenantAdmin, seedOtherTenant } from "../factories/isolation";
import { heldAssetOf } from "../factories/portal";
import type { TestUser } from "../factories/tenants";
import { useTestDatabase } from "../support/database";
import { readResponse } from "../support/read-response";
import { loadRoute, METHODS, type RouteHandler, routeFolders } from "../support/routes";
import {
  badDays,
  badIds,
  badNumbers,
  badStrings,
  describeValue,
  OVERLONG,
  wrongTypes,
} from "./input-fuzz-values";

/**
 * Bad input never gives a 5xx, route handlers' half (input-fuzz.int.test.ts fuzzes procedures).
 * Every route file under app/api (found on disk, so a new one fails "has fuzz inputs" until it is
 * given some below) is called with its path params, query parameters and body replaced, one at a
 * time, by hostile values (input-fuzz-values.ts), as a caller who gets past its access check: an
 * admin of a real tenant, a device's credential, an enrollment token, the metrics token. A refusal
 * (4xx) is the right answer; a 5xx, or a download that breaks half way, is a bug.
 */
const METRICS_TOKEN = vi.hoisted(() => {
  const token = "input-fuzz-metrics-token-0123456";
  process.env.METRICS_TOKEN = token;
  // the benchmark's baseline route answers as on a bench server
  process.env.BENCH_ROUTES = "true";
  return token;
});

let sessionUser: SessionUser | null = null;
vi.mock("@/server/auth/session", () => ({ getSessionUser: async () => sessionUser }));

/** How to reach a route past its access check, and the inputs it reads. */
type RouteFuzz = {
  /** The query parameters it reads, each sent every bad value in turn (on top of `base`). */
  query: string[];
  base?: Record<string, string>;
  /** Well-formed path params; each bad value is then sent in all of them at once. */
  params?: () => Record<string, string>;
  /** A well-formed JSON body; each of its scalars is then replaced by every bad value in turn. */
  json?: () => unknown;
  /** Bodies that are not JSON, with their content type and what each holds (for the report). */
  raw?: { type: string; bodies: () => Array<{ label: string; bytes: Uint8Array<ArrayBuffer> }> };
  /** The caller's credentials, asked for before each call (a rotation retires the one it used). */
  headers?: () => Promise<Record<string, string>>;
  /** Run before each call: a device's check-in allowance refilled, so values reach the service. */
  before?: () => Promise<void>;
};

/** Route files the fuzz cannot call, and where their input is checked instead. */
const unreachable: Record<string, string> = {
  "auth/[...nextauth]":
    "NextAuth's own handler cannot be loaded outside Next.js; its sign-in input is SignInInput (server/accounts/schemas.ts), fuzzed through the schema tests",
};

const assetListParams = [
  "q",
  "kind",
  "status",
  "category",
  "location",
  "employee",
  "warranty",
  "sort",
  "dir",
];
const employeeListParams = ["q", "status", "view", "department", "location", "manager", "sort", "dir"];

let handle: DatabaseHandle;
let db: Db;
let tenant: OtherTenant;
let admin: SessionUser;
let enrollmentToken = "";
let checkInCredential = "";
let checkInDeviceId = "";
let receiptAssetId = "";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const basic = (token: string) => ({
  authorization: `Basic ${Buffer.from(`agent:${token}`).toString("base64")}`,
});
/** A device's check-in allowance is three at once: refilled before each call, so every value is checked. */
const refillCheckIns = (deviceId: string) => () =>
  withPlatform(db, async (trx) => {
    await trx
      .updateTable("agent_device_presence")
      .set({ rate_tokens: 3 })
      .where("device_id", "=", deviceId)
      .execute();
  });

const ocsInventory = readFileSync("tests/fixtures/ocs/laptop-inventory.xml", "utf8");
/** OCS's compressed XML: the inventory with its hostname or device id replaced by each bad value. */
function ocsBodies() {
  const xml: Array<[string, string]> = [
    ...badStrings.flatMap(
      (bad): Array<[string, string]> => [
        [`NAME=${describeValue(bad)}`, ocsInventory.replace("<NAME>nia-t14</NAME>", `<NAME>${bad}</NAME>`)],
        [
          `DEVICEID=${describeValue(bad)}`,
          ocsInventory.replace(/<DEVICEID>[^<]*<\/DEVICEID>/, `<DEVICEID>${bad}</DEVICEID>`),
        ],
      ],
    ),
    ["QUERY=NUL", "<REQUEST><QUERY>\u0000</QUERY></REQUEST>"],
    ["an open REQUEST", "<REQUEST>"],
    ["not XML", "not xml"],
  ];
  return [
    ...xml.map(([label, text]) => ({ label, bytes: new Uint8Array(deflateSync(text)) })),
    { label: "not zlib", bytes: new Uint8Array([0, 1, 2, 3]) },
  ];
}

const routes: Record<string, RouteFuzz> = {
  "agent/ocs": {
    query: [],
    raw: { type: "application/x-compress", bodies: ocsBodies },
    headers: async () => basic(enrollmentToken),
  },
  "agent/v1/check-in": {
    query: [],
    json: () =>
      agentPayload({
        hostname: "fuzz-pc",
        software: [{ name: "zoom", version: "5.17.1", publisher: "Zoom", source: "dpkg" }],
      }),
    headers: async () => bearer(checkInCredential),
    before: async () => refillCheckIns(checkInDeviceId)(),
  },
  "agent/v1/download/[os]/[arch]": { query: [], params: () => ({ os: "linux", arch: "amd64" }) },
  "agent/v1/enroll": {
    query: [],
    json: () => ({ token: enrollmentToken, device: { hostname: "fuzz-pc", serial: "SN-FUZZ", os: "linux" } }),
  },
  "agent/v1/install.sh": { query: ["token"] },
  "agent/v1/rotate": {
    query: [],
    headers: async () => bearer((await enrollTestDevice(enrollmentToken)).credential),
  },
  "assets/export": { query: assetListParams },
  "bench/agent-no-op": { query: ["q"], headers: async () => bearer(checkInCredential) },
  "assets/import/[id]/problems": { query: [], params: () => ({ id: tenant.import.id }) },
  "employees/import/[id]/problems": { query: [], params: () => ({ id: tenant.employeeImport.id }) },
  "assets/labels": {
    query: [...assetListParams, "ids", "size"],
    // a search matching nothing: every filter is still parsed and run, no PDF is drawn
    base: { q: "no asset is called this" },
  },
  "audit/export": { query: ["event", "actor", "entityType", "entityId", "from", "to", "tz"] },
  "employees/export": { query: employeeListParams },
  files: { query: ["purpose"] },
  "files/[id]": { query: [], params: () => ({ id: tenant.files.photo.id }) },
  "files/[id]/preview": { query: [], params: () => ({ id: tenant.files.photo.id }) },
  "files/[id]/thumbnail": { query: [], params: () => ({ id: tenant.files.photo.id }) },
  health: { query: ["q"] },
  inngest: { query: ["fnId", "stepId", "probe"] },
  "inngest/engine/e/[key]": { query: [], params: () => ({ key: "fuzz-event-key" }) },
  "integrations/runs/[runId]/events": { query: [], params: () => ({ runId: tenant.integration.runId }) },
  metrics: { query: ["q"], headers: async () => bearer(METRICS_TOKEN) },
  "notifications/stream": { query: ["since"] },
  "portal/receipts": {
    query: [],
    json: () => ({ assetId: receiptAssetId, signerName: "Fuzz Signer" }),
  },
  "portal/receipts/[assetId]": { query: [], params: () => ({ assetId: receiptAssetId }) },
  "trpc/[trpc]": { query: ["input", "batch"], params: () => ({ trpc: "assets.list" }) },
};

const badQueryValues = [
  ...badStrings,
  ...badIds,
  ...badDays,
  "1e308",
  "999999999999.999",
  "-1",
  "NaN",
  "[]",
  "{",
  '{"0":{"json":{"q":"\\u0000"}}}',
];
const junkBodies = ["{", "null", "[]", '{"0":{"json":"\\u0000"}}', OVERLONG, "\u0000"];

type Leaf = { path: Array<string | number>; value: unknown };
/** Every scalar of a JSON value, with its path. */
function leavesOf(value: unknown, path: Array<string | number> = []): Leaf[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => leavesOf(item, [...path, index]));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, inner]) => leavesOf(inner, [...path, key]));
  }
  return [{ path, value }];
}
function withLeaf(value: unknown, path: Array<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [step, ...rest] = path as [string | number, ...Array<string | number>];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[step] = withLeaf(copy[step], rest, replacement);
  return copy;
}
const hostileFor = (leaf: unknown): unknown[] =>
  typeof leaf === "number" ? [...badNumbers, ...wrongTypes] : [...badStrings, ...wrongTypes];

beforeAll(async () => {
  handle = await useTestDatabase({ isolated: true });
  db = handle.db;
  tenant = await seedOtherTenant(db);
  admin = await otherTenantAdmin(db, tenant);
  const adminUser = admin as TestUser;
  enrollmentToken = (await createTestEnrollmentToken(db, adminUser, 30)).token;
  const device = await enrollTestDevice(enrollmentToken, "fuzz-check-in");
  checkInCredential = device.credential;
  checkInDeviceId = device.deviceId;
  const category = await withPlatform(db, (trx) =>
    trx
      .selectFrom("categories")
      .select("id")
      .where("tenant_id", "=", tenant.tenantId)
      .executeTakeFirstOrThrow(),
  );
  receiptAssetId = (await heldAssetOf(db, adminUser, category.id, adminUser)).id;
}, 120_000);
afterAll(async () => {
  await handle?.close();
});

type Attempt = { query: URLSearchParams; params: Record<string, string>; body?: BodyInit; type?: string };

async function callRoute(
  folder: string,
  method: string,
  handler: RouteHandler,
  fuzz: RouteFuzz,
  attempt: Attempt,
) {
  await fuzz.before?.();
  const headers: Record<string, string> = { ...(await fuzz.headers?.()) };
  if (attempt.type) headers["content-type"] = attempt.type;
  try {
    const response = await handler(
      new Request(`http://localhost:3000/api/${folder}?${attempt.query}`, {
        method,
        headers,
        body: attempt.body,
      }),
      { params: Promise.resolve(attempt.params) },
    );
    // A CSV that breaks mid-stream is as broken as a 500: read every byte (a live stream: its first event).
    await readResponse(response);
    return response.status >= 500 ? `answered ${response.status}` : null;
  } catch (error) {
    return `threw ${error instanceof Error ? error.message.slice(0, 120) : String(error)}`;
  }
}

describe("every route handler refuses bad input without a 5xx", () => {
  const folders = routeFolders();

  it("has fuzz inputs for every route file under app/api", () => {
    const missing = folders.filter((folder) => !(folder in routes) && !(folder in unreachable));
    expect(missing, "give these their query parameters, path params and body above").toEqual([]);
    const gone = [...Object.keys(routes), ...Object.keys(unreachable)].filter(
      (folder) => !folders.includes(folder),
    );
    expect(gone, "these route files no longer exist").toEqual([]);
  });

  it.each(folders.filter((folder) => folder in routes))(
    "app/api/%s",
    async (folder) => {
      sessionUser = admin;
      const fuzz = routes[folder] as RouteFuzz;
      const module = await loadRoute(folder);
      const found: string[] = [];
      const wellFormed = fuzz.params?.() ?? {};
      const pathParamSets = fuzz.params
        ? [
            wellFormed,
            ...[...badIds, ...badStrings].map((bad) =>
              Object.fromEntries(Object.keys(wellFormed).map((name) => [name, bad])),
            ),
          ]
        : [{}];
      for (const method of METHODS) {
        const handler = module[method];
        if (typeof handler !== "function") continue;
        const attempt = async (
          what: Omit<Attempt, "params"> & { params?: Record<string, string> },
          label: string,
        ) => {
          const problem = await callRoute(folder, method, handler as RouteHandler, fuzz, {
            params: wellFormed,
            ...what,
          });
          if (problem) found.push(`${method} ${folder} ${label}: ${problem}`);
        };
        const json = fuzz.json?.();
        const jsonBody = (value: unknown) => ({ body: JSON.stringify(value), type: "application/json" });
        for (const params of pathParamSets) {
          await attempt(
            { query: new URLSearchParams(), params, ...(json ? jsonBody(json) : {}) },
            describeValue(params),
          );
        }
        for (const name of fuzz.query) {
          for (const bad of badQueryValues) {
            await attempt(
              { query: new URLSearchParams({ ...fuzz.base, [name]: bad }) },
              `?${name}=${describeValue(bad)}`,
            );
          }
        }
        if (method === "GET") continue;
        for (const body of junkBodies) {
          await attempt(
            { query: new URLSearchParams(), body, type: "application/json" },
            `body ${describeValue(body)}`,
          );
        }
        for (const leaf of json ? leavesOf(json) : []) {
          for (const bad of hostileFor(leaf.value)) {
            await attempt(
              { query: new URLSearchParams(), ...jsonBody(withLeaf(json, leaf.path, bad)) },
              `${leaf.path.join(".")}=${describeValue(bad)}`,
            );
          }
        }
        for (const { label, bytes } of fuzz.raw?.bodies() ?? []) {
          await attempt(
            { query: new URLSearchParams(), body: bytes, type: fuzz.raw?.type },
            `body: ${label}`,
          );
        }
      }
      if (found.length > 0) console.log(`input fuzz: ${found.length} 5xx answers\n${found.join("\n")}`);
      expect(found).toEqual([]);
    },
    300_000,
  );
});
