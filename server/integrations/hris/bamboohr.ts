import { createHash, randomUUID } from "node:crypto";
import {
  type HrisAdapter,
  type HrisConnection,
  type HrisPerson,
  IntegrationError,
  type PulledPage,
  type PullRequest,
} from "./adapter";
import {
  badShape,
  callProvider,
  joinUrl,
  type ProviderCall,
  type ProviderResponse,
  parseRetryAfter,
  readJson,
  serverNow,
  text,
  toDay,
  today,
} from "./http";
import { isObject, toRecord } from "./record";

/**
 * BambooHR over its API-key gateway (`/api/gateway.php/{companyDomain}/v1`, HTTP Basic with the key
 * as user name). A full pull is one custom report of everyone, current and former
 * (`onlyCurrent=false`), which BambooHR answers in a single response; we hand it to the runner in
 * pages of PAGE_SIZE so progress and resume work as with the paged providers. An incremental pull
 * asks `/employees/changed?since=` (an object keyed by employee id) and then reports on exactly
 * those ids. The cursor names the last id handed out, so a resumed run (even in another process,
 * which re-reads the report) continues after it.
 */

const LABEL = "BambooHR";
const DEFAULT_BASE = "https://api.bamboohr.com";
export const BAMBOO_PAGE_SIZE = 500;
/** A whole company in one report can be slow to build on BambooHR's side. */
const REPORT_TIMEOUT_MS = 120_000;

const REPORT_FIELDS = [
  "employeeNumber",
  "firstName",
  "lastName",
  "workEmail",
  "homeEmail",
  "workPhone",
  "mobilePhone",
  "jobTitle",
  "department",
  "division",
  "location",
  "supervisorId",
  "hireDate",
  "terminationDate",
  "status",
] as const;

type Report = { employees: Record<string, unknown>[] };
type Cursor = { v: 1; snapshot: string; after: string | null };

/** "acme", from "acme", "acme.bamboohr.com" or "https://acme.bamboohr.com/home". */
export function companyDomainOf(value: string | undefined): string {
  const raw = (value ?? "").trim().toLowerCase();
  const domain = raw
    .replace(/^https?:\/\//, "")
    .split(/[/.]/)[0]
    ?.trim();
  if (!domain || !/^[a-z0-9][a-z0-9-]*$/.test(domain)) {
    throw new IntegrationError(
      "not_found",
      'Enter the BambooHR company domain: the part before ".bamboohr.com" in your BambooHR address.',
    );
  }
  return domain;
}

function apiBase(connection: HrisConnection): { base: URL; company: string } {
  const company = companyDomainOf(connection.options.companyDomain);
  const root = connection.options.baseUrl?.trim() || DEFAULT_BASE;
  return { base: joinUrl(root, `/api/gateway.php/${company}/v1`, LABEL), company };
}

function apiKeyOf(connection: HrisConnection): string {
  const key = connection.credentials.apiKey?.trim();
  if (!key) throw new IntegrationError("auth", "Enter the BambooHR API key.");
  return key;
}

/** BambooHR throttles with 503 plus its error header (until 2026-09-16) or 429 + Retry-After (after). */
function classify(response: ProviderResponse): IntegrationError | null {
  const detail = response.headers.get("x-bamboohr-error-message");
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), serverNow(response.headers));
  if (response.status === 503 && detail) {
    return new IntegrationError("throttled", `BambooHR is throttling requests: ${detail}`, {
      status: 503,
      retryAfterMs,
    });
  }
  if (response.status === 400 && detail) {
    return new IntegrationError("bad_response", `BambooHR refused the request: ${detail}`, { status: 400 });
  }
  return null;
}

function call(
  connection: HrisConnection,
  path: string,
  init: { method?: "GET" | "POST"; body?: unknown; query?: Record<string, string>; timeoutMs?: number },
): ProviderCall {
  const { base, company } = apiBase(connection);
  const url = joinUrl(base.toString(), path, LABEL);
  for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.set(name, value);
  const host = base.host;
  return {
    label: LABEL,
    url,
    method: init.method,
    body: init.body,
    timeoutMs: init.timeoutMs,
    headers: {
      authorization: `Basic ${Buffer.from(`${apiKeyOf(connection)}:x`).toString("base64")}`,
      // Reports answer 404 to anything but an exact format type, */* included.
      accept: "application/json",
    },
    notFound: `BambooHR has no company "${company}" at ${host}. Check the company domain: the part before ".bamboohr.com".`,
    unauthorized: `BambooHR rejected the API key for "${company}". Create a new key in BambooHR (your photo > API Keys) and replace it.`,
    forbidden: `The BambooHR API key for "${company}" may not read employees or run reports. Use the key of a user with access to employee data.`,
    classify,
  };
}

async function runReport(
  connection: HrisConnection,
  fields: readonly string[],
  options: {
    onlyCurrent: boolean;
    employeeIds?: string[];
  },
): Promise<Report> {
  const response = await callProvider(
    connection,
    call(connection, "/reports/custom", {
      method: "POST",
      query: { format: "JSON", onlyCurrent: String(options.onlyCurrent) },
      body: {
        title: "Assetronics sync",
        fields,
        ...(options.employeeIds ? { filters: { employeeIds: options.employeeIds } } : {}),
      },
      timeoutMs: REPORT_TIMEOUT_MS,
    }),
  );
  const body = readJson(LABEL, response, "a report");
  if (!isObject(body) || !Array.isArray(body.employees))
    throw badShape(LABEL, "an employees list in the report");
  return { employees: body.employees as Record<string, unknown>[] };
}

/** Ids of people changed since `since`, ascending; deleted people are left out (nothing to read). */
async function changedIds(connection: HrisConnection, since: Date): Promise<string[]> {
  const response = await callProvider(
    connection,
    call(connection, "/employees/changed", {
      query: { since: since.toISOString().replace(/\.\d{3}Z$/, "Z") },
    }),
  );
  const body = readJson(LABEL, response, "the changed employees");
  // An object keyed by employee id, not a list (an empty company may send [] instead of {}).
  if (!isObject(body) || !(isObject(body.employees) || Array.isArray(body.employees))) {
    throw badShape(LABEL, "an employees map of changes");
  }
  const ids: string[] = [];
  for (const [key, change] of Object.entries(body.employees as Record<string, unknown>)) {
    const action = isObject(change) ? String(change.action ?? "") : "";
    if (action.toLowerCase() === "deleted") continue;
    ids.push(isObject(change) ? (text(change.id) ?? key) : key);
  }
  return sortIds(ids);
}

const numericId = (id: string) => (/^\d+$/.test(id) ? Number(id) : Number.NaN);
function compareIds(a: string, b: string): number {
  const na = numericId(a);
  const nb = numericId(b);
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}
const sortIds = (ids: string[]) => [...new Set(ids)].sort(compareIds);

/** The index of the first item whose id sorts after `after` in a list sorted by compareIds. */
function firstAfter<T>(sorted: T[], idOf: (item: T) => string, after: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareIds(idOf(sorted[mid] as T), after) > 0) high = mid;
    else low = mid + 1;
  }
  return low;
}

function toPerson(row: Record<string, unknown>) {
  const status = String(row.status ?? "").toLowerCase();
  const termination = toDay(row.terminationDate);
  const hire = toDay(row.hireDate);
  const now = today();
  let personStatus: HrisPerson["status"] = "active";
  if (status === "inactive" || (typeof termination === "string" && termination <= now))
    personStatus = "terminated";
  else if (typeof hire === "string" && hire > now) personStatus = "pending";
  return toRecord(LABEL, {
    externalId: row.id,
    employeeNumber: row.employeeNumber,
    firstName: row.firstName,
    lastName: row.lastName,
    workEmail: row.workEmail,
    personalEmail: row.homeEmail,
    phone: text(row.workPhone) ?? row.mobilePhone,
    title: row.jobTitle,
    department: row.department,
    organization: row.division,
    location: row.location,
    managerExternalId: row.supervisorId,
    hireDate: row.hireDate,
    terminationDate: row.terminationDate,
    status: personStatus,
  });
}

/**
 * The report (or changed ids) of a run, kept between its pages so a 10,000-person company is read
 * once per run, not once per page. Bound to the connection's fingerprint: a cursor never reads
 * another tenant's snapshot. A process restart loses it and the next page re-reads, which is fine.
 */
type Snapshot = {
  fingerprint: string;
  rows: Record<string, unknown>[] | null;
  ids: string[];
  expiresAt: number;
};
const snapshots = new Map<string, Snapshot>();
/** Forgets every kept report, as a restarted process would (tests use it to check resuming). */
export const forgetBambooSnapshots = () => snapshots.clear();
const SNAPSHOT_TTL_MS = 10 * 60_000;
const MAX_SNAPSHOTS = 8;

function fingerprint(connection: HrisConnection, since: Date | null): string {
  return createHash("sha256")
    .update(
      JSON.stringify([
        apiBase(connection).base.toString(),
        apiKeyOf(connection),
        since?.toISOString() ?? null,
      ]),
    )
    .digest("base64url");
}

function remember(snapshot: Snapshot): string {
  const now = Date.now();
  for (const [id, entry] of snapshots) if (entry.expiresAt < now) snapshots.delete(id);
  while (snapshots.size >= MAX_SNAPSHOTS) {
    const oldest = snapshots.keys().next().value;
    if (oldest === undefined) break;
    snapshots.delete(oldest);
  }
  const id = randomUUID();
  snapshots.set(id, snapshot);
  return id;
}

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString("base64url");
function decodeCursor(value: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (
      parsed?.v === 1 &&
      typeof parsed.snapshot === "string" &&
      (parsed.after === null || typeof parsed.after === "string")
    ) {
      return parsed;
    }
  } catch {
    // fall through
  }
  throw new IntegrationError(
    "bad_response",
    "The stored BambooHR sync position is unreadable; run a full resync.",
  );
}

async function load(connection: HrisConnection, since: Date | null): Promise<Snapshot> {
  const fp = fingerprint(connection, since);
  if (since === null) {
    const report = await runReport(connection, REPORT_FIELDS, { onlyCurrent: false });
    const rows = [...report.employees].sort((a, b) => compareIds(String(a.id ?? ""), String(b.id ?? "")));
    return { fingerprint: fp, rows, ids: [], expiresAt: Date.now() + SNAPSHOT_TTL_MS };
  }
  return {
    fingerprint: fp,
    rows: null,
    ids: await changedIds(connection, since),
    expiresAt: Date.now() + SNAPSHOT_TTL_MS,
  };
}

async function pullPage(request: PullRequest): Promise<PulledPage> {
  const cursor = request.cursor ? decodeCursor(request.cursor) : null;
  let snapshotId = cursor?.snapshot ?? null;
  let snapshot = snapshotId ? snapshots.get(snapshotId) : undefined;
  if (!snapshot || snapshot.fingerprint !== fingerprint(request, request.since)) {
    snapshot = await load(request, request.since);
    snapshotId = remember(snapshot);
  }
  const after = cursor?.after ?? null;

  let rows: Record<string, unknown>[];
  let total: number;
  let lastId: string | null;
  let more: boolean;
  if (snapshot.rows) {
    // Sorted by id, rows without one first: those are reported on the first page only.
    const start = after === null ? 0 : firstAfter(snapshot.rows, (row) => String(row.id ?? ""), after);
    rows = snapshot.rows.slice(start, start + BAMBOO_PAGE_SIZE);
    more = start + rows.length < snapshot.rows.length;
    total = snapshot.rows.length;
    lastId = text(rows.at(-1)?.id) ?? after;
  } else {
    const start = after === null ? 0 : firstAfter(snapshot.ids, (id) => id, after);
    const ids = snapshot.ids.slice(start, start + BAMBOO_PAGE_SIZE);
    more = start + ids.length < snapshot.ids.length;
    total = snapshot.ids.length;
    lastId = ids.at(-1) ?? after;
    rows =
      ids.length === 0
        ? []
        : (await runReport(request, REPORT_FIELDS, { onlyCurrent: false, employeeIds: ids })).employees;
  }

  if (!more && snapshotId) snapshots.delete(snapshotId);
  return {
    records: rows.map(toPerson),
    next: more && snapshotId ? encodeCursor({ v: 1, snapshot: snapshotId, after: lastId }) : null,
    total,
  };
}

export const bamboohr: HrisAdapter = {
  provider: "bamboohr",
  label: LABEL,
  incremental: true,
  credentialFields: [
    {
      name: "apiKey",
      label: "API key",
      secret: true,
      required: true,
      help: "In BambooHR: your photo > API Keys > Add New Key. The key acts as its user, so use an admin's.",
    },
  ],
  optionFields: [
    {
      name: "companyDomain",
      label: "Company domain",
      secret: false,
      required: true,
      help: 'The part before ".bamboohr.com" in your BambooHR address.',
      placeholder: "acme",
    },
    {
      name: "baseUrl",
      label: "Base URL",
      secret: false,
      required: false,
      help: "Only for a sandbox or proxy: replaces https://api.bamboohr.com.",
      placeholder: "https://api.bamboohr.com",
    },
  ],
  async testConnection(connection) {
    const report = await runReport(connection, ["status"], { onlyCurrent: true });
    const { company } = apiBase(connection);
    const count = report.employees.length;
    return {
      detail: `Connected to BambooHR company ${company}: ${count} current ${count === 1 ? "employee" : "employees"} visible.`,
    };
  },
  pullPage,
};
