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
  readJson,
  text,
} from "./http";
import { pullLinkedPage } from "./linked-pages";
import { isObject, toRecord } from "./record";

/**
 * Rippling's REST API (`https://rest.ripplingapis.com`, Bearer API token). Workers are listed from
 * `GET /workers/` (paths end with a slash) with the user and department expanded, because names
 * live on the User, not the Worker. Paging follows `next_link` verbatim until it is absent; the
 * link itself is our cursor. Incremental pulls filter on `updated_at gt <datetime>` (dates are not
 * quoted in Rippling's filter syntax).
 */

const LABEL = "Rippling";
const DEFAULT_BASE = "https://rest.ripplingapis.com";
export const RIPPLING_PAGE_SIZE = 100;

function tokenOf(connection: HrisConnection): string {
  const token = connection.credentials.apiToken?.trim();
  if (!token) throw new IntegrationError("auth", "Enter the Rippling API token.");
  return token;
}

const baseOf = (connection: HrisConnection) =>
  joinUrl(connection.options.baseUrl?.trim() || DEFAULT_BASE, "/", LABEL);

/** Rippling's errors carry a `{"detail": ...}` body: a 400 says what it did not accept. */
function classify(response: ProviderResponse): IntegrationError | null {
  if (response.status !== 400) return null;
  let detail: string | null = null;
  try {
    const body = JSON.parse(response.text);
    detail = isObject(body) ? text(body.detail) : null;
  } catch {
    return null;
  }
  return detail
    ? new IntegrationError("bad_response", `Rippling refused the request: ${detail}`, { status: 400 })
    : null;
}

function call(connection: HrisConnection, url: URL): ProviderCall {
  const host = baseOf(connection).host;
  return {
    label: LABEL,
    url,
    headers: { authorization: `Bearer ${tokenOf(connection)}`, accept: "application/json" },
    notFound: `Rippling has no API at ${host}${url.pathname.startsWith("/workers") ? "" : url.pathname}. Check the base URL.`,
    unauthorized:
      "Rippling rejected the API token (it may have expired, or the admin who created it left). Create a new token in Rippling and replace it.",
    forbidden:
      "The Rippling API token may not read workers. Give it the workers.read, users.read and departments.read scopes.",
    classify,
  };
}

/** The first page's URL: everything the pull needs rides in the query; later pages follow next_link. */
export function firstPageUrl(
  connection: HrisConnection,
  since: Date | null,
  limit = RIPPLING_PAGE_SIZE,
): URL {
  const url = joinUrl(baseOf(connection).toString(), "/workers/", LABEL);
  url.searchParams.set("expand", "user,department");
  url.searchParams.set("order_by", "id");
  url.searchParams.set("limit", String(limit));
  if (since) url.searchParams.set("filter", `updated_at gt ${since.toISOString()}`);
  return url;
}

const STATUS: Record<string, HrisPerson["status"]> = {
  ACTIVE: "active",
  INIT: "pending",
  HIRED: "pending",
  ACCEPTED: "pending",
  TERMINATED: "terminated",
};

function emailOf(list: unknown, wanted: (entry: Record<string, unknown>) => boolean): string | null {
  if (!Array.isArray(list)) return null;
  const entry = list.filter(isObject).find(wanted);
  return entry ? text(entry.value) : null;
}

function locationOf(value: unknown): string | null {
  if (typeof value === "string") return text(value);
  if (!isObject(value)) return null;
  if (String(value.type ?? "").toUpperCase() === "REMOTE") return "Remote";
  return text(value.name);
}

function toPerson(worker: Record<string, unknown>) {
  const user = isObject(worker.user) ? worker.user : {};
  const name = isObject(user.name) ? user.name : {};
  const department = isObject(worker.department) ? worker.department : {};
  const rawStatus = String(worker.status ?? "").toUpperCase();
  const status = STATUS[rawStatus];
  if (!status) {
    return {
      ok: false as const,
      externalId: text(worker.id),
      reason: `Unknown Rippling worker status "${String(worker.status ?? "")}".`,
    };
  }
  return toRecord(LABEL, {
    externalId: worker.id,
    employeeNumber: worker.number,
    firstName: text(name.preferred_given_name) ?? name.given_name,
    lastName: name.family_name,
    workEmail: text(worker.work_email) ?? emailOf(user.emails, (e) => e.type === "WORK"),
    personalEmail: text(worker.personal_email) ?? emailOf(user.emails, (e) => e.type === "PERSONAL"),
    phone: Array.isArray(user.phone_numbers) ? text(user.phone_numbers.filter(isObject)[0]?.value) : null,
    title: worker.title,
    department: department.name,
    organization: null,
    location: locationOf(worker.location),
    managerExternalId: worker.manager_id,
    hireDate: worker.start_date,
    terminationDate: worker.end_date,
    status,
  });
}

/** Async, so a bad base URL (baseOf throws) rejects like every other failure instead of throwing. */
async function pullPage(request: PullRequest): Promise<PulledPage> {
  return pullLinkedPage(request, {
    label: LABEL,
    root: baseOf(request),
    firstPage: () => firstPageUrl(request, request.since),
    call: (url) => call(request, url),
    read: (response) => {
      const body = readJson(LABEL, response, "a list of workers");
      if (!isObject(body) || !Array.isArray(body.results)) throw badShape(LABEL, "a results list of workers");
      return { items: body.results, next: text(body.next_link) };
    },
    item: "worker",
    toPerson,
  });
}

export const rippling: HrisAdapter = {
  provider: "rippling",
  label: LABEL,
  incremental: true,
  credentialFields: [
    {
      name: "apiToken",
      label: "API token",
      secret: true,
      required: true,
      help: "In Rippling: Settings > API Tokens. Needs workers.read, users.read and departments.read.",
    },
  ],
  optionFields: [
    {
      name: "baseUrl",
      label: "Base URL",
      secret: false,
      required: false,
      help: "Only for the preview environment or a proxy: replaces https://rest.ripplingapis.com.",
      placeholder: "https://rest.ripplingapis.com",
    },
  ],
  async testConnection(connection) {
    const response = await callProvider(connection, call(connection, firstPageUrl(connection, null, 1)));
    const body = readJson(LABEL, response, "a list of workers");
    if (!isObject(body) || !Array.isArray(body.results)) throw badShape(LABEL, "a results list of workers");
    const host = baseOf(connection).host;
    return {
      detail:
        body.results.length === 0
          ? `Connected to Rippling at ${host}, but the token sees no workers.`
          : `Connected to Rippling at ${host}: the token can read workers with their names and departments.`,
    };
  },
  pullPage,
};
