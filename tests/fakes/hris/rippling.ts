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
 * A local Rippling REST API (providers.md 2.2 A):
 *
 * - `GET /workers/`, `GET /users/`, `GET /departments/` (paths end with a slash; without it, 404),
 *   Bearer token (401 `{"detail": ...}` otherwise; `scopes` without "workers.read" answers 403);
 * - workers carry `user_id`, `department_id`, `manager_id`, `status` (INIT|HIRED|ACCEPTED|ACTIVE|
 *   TERMINATED), `start_date`/`end_date`, `number`... but no names: `expand=user,department,manager`
 *   embeds the User (`name{given_name, family_name}`, `emails[]`), the Department and the manager;
 * - `filter=updated_at gt 2026-05-01T00:00:00Z and status eq 'ACTIVE'`: strings quoted, dates not
 *   (a quoted date is a 400, as Rippling does for dates);
 * - paging: `limit` (default and cap `pageSize`, 100 unless set) and an opaque `cursor`; the
 *   response's `next_link` is an absolute URL carrying every query parameter, absent on the last page;
 * - 429 + `Retry-After` when throttled; `fail: { page, status, times }` on /workers/ pages;
 *   `slow` delays; `requests` logs every request.
 */
export type FakeRipplingOptions = ScenarioOptions & {
  people: FakePerson[];
  apiToken?: string;
  scopes?: string[];
  pageSize?: number;
};

export type FakeRippling = FakeControls & { apiToken: string; route: ReturnType<typeof mount> };

const STATUS: Record<FakePerson["status"], string> = {
  active: "ACTIVE",
  pending: "HIRED",
  terminated: "TERMINATED",
};

export const departmentId = (name: string) => `d_${name.toLowerCase().replace(/[^a-z0-9]+/g, "_")}`;
const userId = (workerId: string) => `u_${workerId.replace(/^w_/, "")}`;

function user(person: FakePerson) {
  return {
    id: userId(person.id),
    active: person.status !== "terminated",
    username: person.workEmail,
    name: {
      formatted: `${person.firstName ?? ""} ${person.lastName ?? ""}`.trim(),
      given_name: person.firstName,
      family_name: person.lastName,
    },
    display_name: `${person.firstName ?? ""} ${person.lastName ?? ""}`.trim(),
    emails: person.workEmail ? [{ value: person.workEmail, type: "WORK", primary: true }] : [],
    phone_numbers: person.phone ? [{ value: person.phone, type: "WORK" }] : [],
    number: person.employeeNumber,
  };
}

function worker(person: FakePerson): Record<string, unknown> {
  const number = Number((person.employeeNumber ?? "").replace(/\D/g, ""));
  return {
    id: person.id,
    created_at: person.createdAt,
    updated_at: person.updatedAt,
    user_id: userId(person.id),
    is_manager: false,
    manager_id: person.managerId,
    legal_entity_id: "le_1",
    country: "US",
    start_date: person.hireDate,
    end_date: person.terminationDate,
    number: Number.isFinite(number) && number > 0 ? number : null,
    work_email: person.workEmail,
    personal_email: person.personalEmail,
    status: STATUS[person.status],
    location:
      person.location === "Remote"
        ? { type: "REMOTE" }
        : person.location
          ? { type: "WORK", name: person.location }
          : null,
    department_id: person.department ? departmentId(person.department) : null,
    title: person.title,
    termination_details: person.status === "terminated" ? { type: "VOLUNTARY", reason: "Resigned" } : null,
    ...person.extra,
  };
}

type Clause = { field: string; op: string; value: string; quoted: boolean };

/** Parses `a op b and c op 'd'`; null when it is not that shape. */
function parseFilter(filter: string): Clause[] | null {
  const clauses: Clause[] = [];
  for (const part of filter.split(/\s+and\s+/i)) {
    const match = /^\s*([a-z_]+)\s+(eq|ne|gt|ge|lt|le)\s+('([^']*)'|(\S+))\s*$/i.exec(part);
    if (!match) return null;
    clauses.push({
      field: match[1] ?? "",
      op: (match[2] ?? "").toLowerCase(),
      value: match[4] ?? match[5] ?? "",
      quoted: match[4] !== undefined,
    });
  }
  return clauses;
}

const compare = (a: string | number, op: string, b: string | number) =>
  op === "eq"
    ? a === b
    : op === "ne"
      ? a !== b
      : op === "gt"
        ? a > b
        : op === "ge"
          ? a >= b
          : op === "lt"
            ? a < b
            : a <= b;

export function createFakeRippling(
  options: FakeRipplingOptions,
  prefix = "",
): Omit<FakeRippling, "url" | "close"> {
  const scenario = new Scenario(options);
  const store = new PeopleStore(options.people, scenario.now);
  const apiToken = options.apiToken ?? "rippling-test-token";
  const scopes = new Set(options.scopes ?? ["workers.read", "users.read", "departments.read"]);
  const pageSize = options.pageSize ?? 100;

  const detail = (
    res: FakeRequest["res"],
    status: number,
    message: string,
    headers: Record<string, string> = {},
  ) => send(res, status, { detail: message }, headers);

  const handler = async ({ res, method, url, path, root, headers }: FakeRequest) => {
    const auth = /^Bearer (.+)$/i.exec(headers.authorization ?? "");
    if (!auth) return detail(res, 401, "Authentication credentials were not provided.");
    if (auth[1] !== apiToken) return detail(res, 401, "Invalid token.");
    if (method !== "GET") return detail(res, 405, `Method "${method}" not allowed.`);
    const scope = {
      "/workers/": "workers.read",
      "/users/": "users.read",
      "/departments/": "departments.read",
    }[path];
    if (!scope) return detail(res, 404, "Not found.");
    if (!scopes.has(scope)) return detail(res, 403, "You do not have permission to perform this action.");
    if (scenario.shouldThrottle()) {
      const seconds = scenario.throttle?.retryAfterSeconds ?? 30;
      return detail(res, 429, `Request was throttled. Expected available in ${seconds} seconds.`, {
        "retry-after": String(seconds),
      });
    }

    const limit = Math.min(
      Math.max(Number(url.searchParams.get("limit") ?? pageSize) || pageSize, 1),
      pageSize,
    );
    const cursor = url.searchParams.get("cursor");
    const respond = <T extends { id: string }>(items: T[], render: (item: T) => unknown) => {
      const page = pageAfter(items, cursor, limit);
      if (!page) return { status: 400, page: 0 };
      const next = new URL(`${root}${path}`);
      for (const [name, value] of url.searchParams) if (name !== "cursor") next.searchParams.set(name, value);
      if (page.next) next.searchParams.set("cursor", page.next);
      return {
        status: 200,
        page: page.page,
        body: {
          __meta: { redacted_fields: [] },
          results: page.items.map(render),
          ...(page.next ? { next_link: next.toString() } : {}),
        },
      };
    };

    if (path === "/departments/") {
      const names = [
        ...new Set(
          store
            .all()
            .map((p) => p.department)
            .filter((d): d is string => !!d),
        ),
      ];
      const result = respond(
        names.map((name) => ({ id: departmentId(name), name })),
        (d) => ({ ...d, parent_id: null, reference_code: null }),
      );
      return result.body ? send(res, 200, result.body) : detail(res, 400, "Invalid cursor.");
    }
    if (path === "/users/") {
      const result = respond(store.all(), user);
      return result.body ? send(res, 200, result.body) : detail(res, 400, "Invalid cursor.");
    }

    const filter = url.searchParams.get("filter");
    let people = store.all();
    if (filter) {
      const clauses = parseFilter(filter);
      if (!clauses) return detail(res, 400, `Invalid filter: ${filter}`);
      for (const clause of clauses) {
        if (clause.field === "updated_at" || clause.field === "created_at") {
          if (clause.quoted)
            return detail(res, 400, `Invalid filter: ${clause.field} takes an unquoted date.`);
          const at = Date.parse(clause.value);
          if (Number.isNaN(at)) return detail(res, 400, `Invalid filter: ${clause.value} is not a date.`);
          const key = clause.field === "updated_at" ? "updatedAt" : "createdAt";
          people = people.filter((p) => compare(Date.parse(p[key]), clause.op, at));
        } else if (clause.field === "status" || clause.field === "work_email") {
          if (!clause.quoted)
            return detail(res, 400, `Invalid filter: ${clause.field} takes a quoted string.`);
          people = people.filter((p) =>
            compare(
              String(clause.field === "status" ? STATUS[p.status] : p.workEmail),
              clause.op,
              clause.value,
            ),
          );
        } else {
          return detail(res, 400, `Invalid filter: ${clause.field} is not filterable.`);
        }
      }
    }
    const expand = new Set((url.searchParams.get("expand") ?? "").split(",").filter(Boolean));
    const result = respond(people, (person) => {
      const out = worker(person);
      if (expand.has("user")) out.user = user(person);
      if (expand.has("department")) {
        out.department = person.department
          ? {
              id: departmentId(person.department),
              name: person.department,
              parent_id: null,
              reference_code: null,
            }
          : null;
      }
      if (expand.has("manager")) {
        const manager = person.managerId ? store.get(person.managerId) : undefined;
        out.manager = manager ? worker(manager) : null;
      }
      return out;
    });
    if (!result.body) return detail(res, 400, "Invalid cursor.");
    await scenario.delay(result.page);
    const failure = scenario.failureFor(result.page);
    if (failure) return detail(res, failure, "A server error occurred.");
    return send(res, 200, result.body);
  };

  return {
    apiToken,
    ...peopleControls(store, scenario),
    route: mount(prefix, scenario, handler),
  };
}

/** Starts a fake Rippling on a free port; point the adapter's baseUrl at `url`. */
export async function startFakeRippling(options: FakeRipplingOptions): Promise<FakeRippling> {
  return startOnFreePort(createFakeRippling(options));
}
