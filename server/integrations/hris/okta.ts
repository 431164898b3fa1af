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
  clampDelay,
  joinUrl,
  type ProviderCall,
  type ProviderResponse,
  readJson,
  serverNow,
  text,
  toDay,
} from "./http";
import { pullLinkedPage } from "./linked-pages";
import { isObject, toRecord } from "./record";

/**
 * Okta's Users API (`{orgUrl}/api/v1/users`, `Authorization: SSWS <token>`). The plain list leaves
 * out DEPROVISIONED users, so a full pull searches every status by name; an incremental one
 * searches `lastUpdated gt "<iso>"` (search results include every status). The next page lives only
 * in a `Link: <...>; rel="next"` header, one of several Link lines; that URL is followed verbatim
 * and is our cursor. Throttling is a 429 with errorCode E0000047; the wait comes from
 * `X-Rate-Limit-Reset` (epoch seconds), measured against the server's Date header.
 */

const LABEL = "Okta";
export const OKTA_PAGE_SIZE = 200;

const STATUSES = [
  "STAGED",
  "PROVISIONED",
  "ACTIVE",
  "RECOVERY",
  "PASSWORD_EXPIRED",
  "LOCKED_OUT",
  "SUSPENDED",
  "DEPROVISIONED",
] as const;

const STATUS: Record<string, HrisPerson["status"]> = {
  STAGED: "pending",
  PROVISIONED: "pending",
  ACTIVATING: "pending",
  ACTIVE: "active",
  RECOVERY: "active",
  PASSWORD_EXPIRED: "active",
  LOCKED_OUT: "active",
  SUSPENDED: "terminated",
  DEPROVISIONED: "terminated",
};

function tokenOf(connection: HrisConnection): string {
  const token = connection.credentials.apiToken?.trim();
  if (!token) throw new IntegrationError("auth", "Enter the Okta API token.");
  return token;
}

/** The org's root: baseUrl (sandboxes, the local fake) when set, else the org URL. */
function rootOf(connection: HrisConnection): URL {
  const value = connection.options.baseUrl?.trim() || connection.options.orgUrl?.trim();
  if (!value)
    throw new IntegrationError("not_found", "Enter the Okta org URL, such as https://acme.okta.com.");
  return joinUrl(value, "/", LABEL);
}

function classify(response: ProviderResponse): IntegrationError | null {
  let errorCode: unknown = null;
  let errorSummary: string | null = null;
  try {
    const body = JSON.parse(response.text);
    errorCode = isObject(body) ? body.errorCode : null;
    errorSummary = isObject(body) ? text(body.errorSummary) : null;
  } catch {
    // A 429 without Okta's body is still throttling.
  }
  if (response.status === 400 && errorSummary) {
    return new IntegrationError("bad_response", `Okta refused the request: ${errorSummary}`, { status: 400 });
  }
  if (response.status !== 429) return null;
  const reset = Number(response.headers.get("x-rate-limit-reset"));
  const retryAfterMs =
    Number.isFinite(reset) && reset > 0 ? clampDelay(reset * 1000 - serverNow(response.headers)) : null;
  const concurrency = errorCode === "E0000047" ? "the API rate limit" : "a rate limit";
  return new IntegrationError(
    "throttled",
    `Okta says the org reached ${concurrency}${retryAfterMs !== null ? `; it resets in ${Math.ceil(retryAfterMs / 1000)} s` : ""}.`,
    { status: 429, retryAfterMs },
  );
}

function call(connection: HrisConnection, url: URL): ProviderCall {
  const host = rootOf(connection).host;
  return {
    label: LABEL,
    url,
    headers: { authorization: `SSWS ${tokenOf(connection)}`, accept: "application/json" },
    notFound: `There is no Okta org API at ${host}. Check the org URL (such as https://acme.okta.com).`,
    unauthorized: `Okta at ${host} rejected the API token (revoked, expired, or from another org). Create a new token under Security > API > Tokens and replace it.`,
    forbidden: `The Okta API token may not list users. Create it as a user with the Read-only Administrator role or higher.`,
    classify,
  };
}

/** The first page: every status (the plain list would hide DEPROVISIONED), or changes since `since`. */
export function firstPageUrl(connection: HrisConnection, since: Date | null, limit = OKTA_PAGE_SIZE): URL {
  const url = joinUrl(rootOf(connection).toString(), "/api/v1/users", LABEL);
  url.searchParams.set("limit", String(limit));
  url.searchParams.set(
    "search",
    since ? `lastUpdated gt "${since.toISOString()}"` : STATUSES.map((s) => `status eq "${s}"`).join(" or "),
  );
  return url;
}

/** Every `Link` entry, whether they came as separate header lines (joined by fetch with ", ") or one. */
export function parseLinks(header: string | null): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  for (const match of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const rel = /\brel\s*=\s*"?([^";,]+)"?/i.exec(match[2] ?? "")?.[1];
    if (!rel || !match[1]) continue;
    for (const name of rel.trim().split(/\s+/)) links[name.toLowerCase()] ??= match[1];
  }
  return links;
}

function toPerson(user: Record<string, unknown>) {
  const profile = isObject(user.profile) ? user.profile : {};
  const status = STATUS[String(user.status ?? "").toUpperCase()];
  if (!status) {
    return {
      ok: false as const,
      externalId: text(user.id),
      reason: `Unknown Okta user status "${String(user.status ?? "")}".`,
    };
  }
  const terminated = status === "terminated";
  const changed = toDay(user.statusChanged);
  return toRecord(LABEL, {
    externalId: user.id,
    employeeNumber: profile.employeeNumber,
    firstName: profile.firstName,
    lastName: profile.lastName,
    workEmail: profile.email,
    personalEmail: profile.secondEmail,
    phone: text(profile.primaryPhone) ?? profile.mobilePhone,
    title: profile.title,
    department: profile.department,
    organization: text(profile.division) ?? profile.organization,
    location: profile.city,
    managerExternalId: profile.managerId,
    // Not in Okta's base profile; many orgs add it as a custom attribute.
    hireDate: profile.hireDate ?? null,
    terminationDate: terminated ? (typeof changed === "string" ? changed : null) : null,
    status,
  });
}

/** Async, so a bad setting (rootOf throws) rejects like every other failure instead of throwing. */
async function pullPage(request: PullRequest): Promise<PulledPage> {
  return pullLinkedPage(request, {
    label: LABEL,
    root: rootOf(request),
    firstPage: () => firstPageUrl(request, request.since),
    call: (url) => call(request, url),
    read: (response) => {
      const body = readJson(LABEL, response, "a list of users");
      if (!Array.isArray(body)) throw badShape(LABEL, "a list of users");
      return { items: body, next: parseLinks(response.headers.get("link")).next };
    },
    item: "user",
    toPerson,
  });
}

export const okta: HrisAdapter = {
  provider: "okta",
  label: LABEL,
  incremental: true,
  credentialFields: [
    {
      name: "apiToken",
      label: "API token",
      secret: true,
      required: true,
      help: "In the Okta Admin Console: Security > API > Tokens > Create token (as a read-only admin or higher).",
    },
  ],
  optionFields: [
    {
      name: "orgUrl",
      label: "Org URL",
      secret: false,
      required: true,
      help: "Your Okta address.",
      placeholder: "https://acme.okta.com",
    },
    {
      name: "baseUrl",
      label: "Base URL",
      secret: false,
      required: false,
      help: "Only for a proxy or test server: replaces the org URL for API calls.",
    },
  ],
  async testConnection(connection) {
    const response = await callProvider(connection, call(connection, firstPageUrl(connection, null, 1)));
    const body = readJson(LABEL, response, "a list of users");
    if (!Array.isArray(body)) throw badShape(LABEL, "a list of users");
    return { detail: `Connected to the Okta org ${rootOf(connection).host}: the token can list users.` };
  },
  pullPage,
};
