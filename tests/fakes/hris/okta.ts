import {
  type FakeControls,
  type FakePerson,
  type FakeRequest,
  mount,
  PeopleStore,
  pageAfter,
  peopleControls,
  Scenario,
  type ScenarioOptions,
  send,
  startOnFreePort,
} from "./core";

/**
 * A local Okta Users API (providers.md 2.3):
 *
 * - `GET /api/v1/users?limit=&after=&search=|filter=` and `GET /api/v1/users/{id}`, with
 *   `Authorization: SSWS <token>` (401 E0000011 otherwise; `forbidden: true` answers 403 E0000006);
 * - `limit` defaults to and is capped at 200 (`pageSize` changes both); the plain list (no search
 *   or filter) leaves out DEPROVISIONED users; `search` takes `attr eq|sw|co|gt|lt|ge|le "value"`
 *   joined by `and`/`or` (no `ne`: 400 E0000031) over id, status, created, lastUpdated,
 *   statusChanged and profile.*; `filter` only over status, lastUpdated, id and a few profile fields;
 * - paging only in `Link` headers, sent as separate lines: `<...>; rel="self"` and, when there is
 *   more, `<...after=OPAQUE...>; rel="next"`;
 * - every response has `X-Rate-Limit-Limit/-Remaining/-Reset` (epoch seconds, per-minute window of
 *   `rateLimit` requests, 600 by default) and a Date header from the fake's clock; over the limit or
 *   when `throttle` says so: 429 with `errorCode: "E0000047"` (Reset = now + retryAfterSeconds);
 * - `fail: { page, status, times }`, `slow`, and the `requests` log.
 *
 * People map to users: active -> ACTIVE, pending -> STAGED, terminated -> DEPROVISIONED (set
 * `extra: { status: "SUSPENDED" }` for a suspension); location -> profile.city; division ->
 * profile.division; hireDate as a custom profile attribute.
 */
export type FakeOktaOptions = ScenarioOptions & {
  people: FakePerson[];
  apiToken?: string;
  forbidden?: boolean;
  pageSize?: number;
  rateLimit?: number;
};

export type FakeOkta = FakeControls & { apiToken: string; route: ReturnType<typeof mount> };

const STATUS: Record<FakePerson["status"], string> = {
  active: "ACTIVE",
  pending: "STAGED",
  terminated: "DEPROVISIONED",
};

type OktaUser = { id: string; status: string; profile: Record<string, unknown> } & Record<string, unknown>;

function oktaUser(person: FakePerson, root: string): OktaUser {
  const { profile: extraProfile, ...extra } = (person.extra ?? {}) as { profile?: Record<string, unknown> };
  return {
    id: person.id,
    status: STATUS[person.status],
    created: person.createdAt,
    activated: person.status === "pending" ? null : person.createdAt,
    statusChanged:
      person.status === "terminated" && person.terminationDate
        ? `${person.terminationDate}T17:00:00.000Z`
        : person.createdAt,
    lastLogin: null,
    lastUpdated: person.updatedAt,
    passwordChanged: null,
    type: { id: "oty1default" },
    profile: {
      login: person.workEmail,
      email: person.workEmail,
      secondEmail: person.personalEmail,
      firstName: person.firstName,
      lastName: person.lastName,
      displayName: `${person.firstName ?? ""} ${person.lastName ?? ""}`.trim(),
      title: person.title,
      department: person.department,
      division: person.division,
      organization: "Acme",
      employeeNumber: person.employeeNumber,
      managerId: person.managerId,
      primaryPhone: person.phone,
      city: person.location,
      hireDate: person.hireDate,
      ...extraProfile,
    },
    credentials: { provider: { type: "OKTA", name: "OKTA" } },
    _links: { self: { href: `${root}/api/v1/users/${person.id}` } },
    ...extra,
  };
}

const SEARCHABLE =
  /^(id|status|created|activated|statusChanged|lastUpdated|type\.id|profile\.[A-Za-z0-9_]+)$/;
const FILTERABLE = new Set([
  "status",
  "lastUpdated",
  "id",
  "profile.login",
  "profile.email",
  "profile.firstName",
  "profile.lastName",
]);
const DATES = new Set(["created", "activated", "statusChanged", "lastUpdated"]);

type Predicate = (user: OktaUser) => boolean;

/** Parses `a op "v" and b op "w" or ...` (and binds tighter than or); null when malformed. */
function parseSearch(expression: string, allowed: (attribute: string) => boolean): Predicate | null {
  const alternatives: Predicate[][] = [];
  for (const alternative of expression.split(/\s+or\s+/i)) {
    const all: Predicate[] = [];
    for (const term of alternative.split(/\s+and\s+/i)) {
      const match = /^\s*([A-Za-z0-9_.]+)\s+(eq|sw|co|gt|lt|ge|le)\s+"([^"]*)"\s*$/.exec(term);
      if (!match) return null;
      const [, attribute = "", op = "", raw = ""] = match;
      if (!allowed(attribute)) return null;
      const read = (user: OktaUser): unknown =>
        attribute.startsWith("profile.")
          ? user.profile[attribute.slice("profile.".length)]
          : attribute === "type.id"
            ? (user.type as { id: string }).id
            : user[attribute];
      all.push((user) => {
        const value = read(user);
        if (value === null || value === undefined) return false;
        if (DATES.has(attribute)) {
          const a = Date.parse(String(value));
          const b = Date.parse(raw);
          return op === "eq"
            ? a === b
            : op === "gt"
              ? a > b
              : op === "ge"
                ? a >= b
                : op === "lt"
                  ? a < b
                  : op === "le"
                    ? a <= b
                    : false;
        }
        const a = String(value);
        switch (op) {
          case "eq":
            return a === raw;
          case "sw":
            return a.toLowerCase().startsWith(raw.toLowerCase());
          case "co":
            return a.toLowerCase().includes(raw.toLowerCase());
          case "gt":
            return a > raw;
          case "lt":
            return a < raw;
          case "ge":
            return a >= raw;
          default:
            return a <= raw;
        }
      });
    }
    alternatives.push(all);
  }
  return (user) => alternatives.some((all) => all.every((test) => test(user)));
}

export function createFakeOkta(options: FakeOktaOptions, prefix = ""): Omit<FakeOkta, "url" | "close"> {
  const scenario = new Scenario(options);
  const store = new PeopleStore(options.people, scenario.now);
  const apiToken = options.apiToken ?? "okta-test-token";
  const pageSize = options.pageSize ?? 200;
  const rateLimit = options.rateLimit ?? 600;
  const window = { start: 0, used: 0 };

  const handler = async ({ res, method, url, path, root, headers }: FakeRequest) => {
    const now = scenario.now();
    const seconds = Math.floor(now.getTime() / 1000);
    const windowStart = seconds - (seconds % 60);
    if (window.start !== windowStart) Object.assign(window, { start: windowStart, used: 0 });
    window.used++;
    const rate = (remaining: number, reset: number) => ({
      date: now.toUTCString(),
      "x-rate-limit-limit": String(rateLimit),
      "x-rate-limit-remaining": String(Math.max(0, remaining)),
      "x-rate-limit-reset": String(reset),
    });
    const error = (
      status: number,
      errorCode: string,
      errorSummary: string,
      extra: Record<string, string> = {},
    ) =>
      send(
        res,
        status,
        {
          errorCode,
          errorSummary,
          errorLink: errorCode,
          errorId: `oae${Math.random().toString(36).slice(2, 12)}`,
          errorCauses: [],
        },
        { ...rate(rateLimit - window.used, windowStart + 60), ...extra },
      );

    const auth = /^SSWS (.+)$/.exec(headers.authorization ?? "");
    if (!auth || auth[1] !== apiToken) return error(401, "E0000011", "Invalid token provided");
    if (options.forbidden)
      return error(403, "E0000006", "You do not have permission to perform the requested action");
    if (scenario.shouldThrottle() || window.used > rateLimit) {
      const wait = scenario.throttle?.retryAfterSeconds;
      const reset = wait !== undefined ? seconds + wait : windowStart + 60;
      return send(
        res,
        429,
        {
          errorCode: "E0000047",
          errorSummary: "API call exceeded rate limit due to too many requests.",
          errorLink: "E0000047",
          errorId: `oae${Math.random().toString(36).slice(2, 12)}`,
          errorCauses: [],
        },
        rate(0, reset),
      );
    }
    if (method !== "GET")
      return error(405, "E0000022", "The endpoint does not support the provided HTTP method");

    const one = /^\/api\/v1\/users\/([^/]+)$/.exec(path);
    if (one) {
      const person = store.get(decodeURIComponent(one[1] ?? ""));
      if (!person) return error(404, "E0000007", `Not found: Resource not found: ${one[1]} (User)`);
      return send(res, 200, oktaUser(person, root), rate(rateLimit - window.used, windowStart + 60));
    }
    if (path !== "/api/v1/users") return error(404, "E0000007", `Not found: Resource not found: ${path}`);

    const search = url.searchParams.get("search");
    const filter = url.searchParams.get("filter");
    const test = search
      ? parseSearch(search, (a) => SEARCHABLE.test(a))
      : filter
        ? parseSearch(filter, (a) => FILTERABLE.has(a))
        : (user: OktaUser) => user.status !== "DEPROVISIONED";
    if (!test) return error(400, "E0000031", "Invalid search criteria.");
    // The same search on every page: filter once per change of the people, not per page.
    const users = store.cached(`${root} ${search ?? ""} ${filter ?? ""}`, (people) =>
      people.map((person) => oktaUser(person, root)).filter(test),
    );

    const limit = Math.min(
      Math.max(Number(url.searchParams.get("limit") ?? pageSize) || pageSize, 1),
      pageSize,
    );
    const page = pageAfter(users, url.searchParams.get("after"), limit);
    if (!page) return error(400, "E0000001", "Api validation failed: after");
    await scenario.delay(page.page);
    const failure = scenario.failureFor(page.page);
    if (failure) return error(failure, "E0000009", "Internal Server Error");

    const self = new URL(`${root}${path}${url.search}`);
    const links = [`<${self}>; rel="self"`];
    if (page.next) {
      const next = new URL(self);
      next.searchParams.set("after", page.next);
      next.searchParams.set("limit", String(limit));
      links.push(`<${next}>; rel="next"`);
    }
    return send(res, 200, page.items, { ...rate(rateLimit - window.used, windowStart + 60), link: links });
  };

  return {
    apiToken,
    ...peopleControls(store, scenario),
    route: mount(prefix, scenario, handler),
  };
}

/** Starts a fake Okta on a free port; point the adapter's baseUrl (or orgUrl) at `url`. */
export async function startFakeOkta(options: FakeOktaOptions): Promise<FakeOkta> {
  return startOnFreePort(createFakeOkta(options));
}
