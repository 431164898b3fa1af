import {
  type FakeControls,
  type FakePerson,
  type FakeRequest,
  mount,
  PeopleStore,
  peopleControls,
  Scenario,
  type ScenarioOptions,
  send,
  startOnFreePort,
} from "./core";

/**
 * A local BambooHR (providers.md 2.1), API-key flavour:
 *
 * - paths under `/api/gateway.php/{companyDomain}/v1/` and the newer `/api/v1/` (company taken as
 *   the configured one, as the real host would say it); an unknown company answers 404;
 * - HTTP Basic with the API key as user name (any password): 401 with `X-BambooHR-Error-Message`
 *   otherwise; `forbidden: true` answers 403 (a key whose user lacks access);
 * - `GET employees/directory?onlyCurrent=` (404 when empty), `GET employees/{id}?fields=`,
 *   `POST reports/custom?format=JSON&onlyCurrent=` with `{fields, filters:{lastChanged, employeeIds}}`
 *   answering everyone in ONE response, `GET employees/changed?since=&type=` answering an object
 *   keyed by id (400 when `since` is missing or unreadable);
 * - JSON only for `Accept: application/json`: reports answer 404 to anything but the exact types
 *   BambooHR accepts (`*\/*` included), other endpoints answer XML;
 * - throttling: `throttle.mode` "503" (the historic shape: 503 + `X-BambooHR-Error-Message`) or
 *   "429" (+ `Retry-After`), on `times` requests or `everyNth` request;
 * - `fail: { page, status, times }`: "page" is the nth data request (report, changed, directory);
 *   `slow` delays answers; `requests` logs every request with its headers and answered status.
 *
 * Empty dates come back as "0000-00-00", status as "Active"/"Inactive", like the real reports.
 */
export type FakeBambooOptions = ScenarioOptions & {
  people: FakePerson[];
  apiKey?: string;
  companyDomain?: string;
  forbidden?: boolean;
};

export type FakeBamboo = FakeControls & {
  apiKey: string;
  companyDomain: string;
  removePerson(id: string): void;
  /** The request handler, for serving under a prefix of a shared server (serve.ts). */
  route: ReturnType<typeof mount>;
};

const REPORT_ACCEPT = new Set([
  "application/json",
  "text/xml",
  "text/csv",
  "application/pdf",
  "application/vnd.ms-excel",
]);

function render(person: FakePerson, store: PeopleStore): Record<string, unknown> {
  const manager = person.managerId ? store.get(person.managerId) : undefined;
  return {
    id: person.id,
    employeeNumber: person.employeeNumber,
    firstName: person.firstName,
    lastName: person.lastName,
    displayName: `${person.firstName ?? ""} ${person.lastName ?? ""}`.trim(),
    workEmail: person.workEmail,
    homeEmail: person.personalEmail,
    workPhone: person.phone,
    mobilePhone: null,
    jobTitle: person.title,
    department: person.department,
    division: person.division,
    location: person.location,
    supervisor: manager ? `${manager.firstName} ${manager.lastName}` : null,
    supervisorId: person.managerId,
    supervisorEId: manager?.employeeNumber ?? null,
    hireDate: person.hireDate ?? "0000-00-00",
    terminationDate: person.terminationDate ?? "0000-00-00",
    status: person.status === "terminated" ? "Inactive" : "Active",
    employmentHistoryStatus: person.status === "terminated" ? "Terminated" : "Full-Time",
    lastChanged: person.updatedAt.replace(/\.\d{3}Z$/, "+00:00"),
    ...person.extra,
  };
}

function pick(record: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { id: record.id };
  for (const field of fields) out[field] = field in record ? record[field] : null;
  return out;
}

export function createFakeBamboo(options: FakeBambooOptions, prefix = ""): Omit<FakeBamboo, "url" | "close"> {
  const scenario = new Scenario(options);
  const store = new PeopleStore(options.people, scenario.now);
  const apiKey = options.apiKey ?? "bamboo-test-key";
  const companyDomain = options.companyDomain ?? "acme";
  let dataRequests = 0;

  const error = (
    res: FakeRequest["res"],
    status: number,
    message: string,
    headers: Record<string, string> = {},
  ) => send(res, status, "", { "x-bamboohr-error-message": message, ...headers });

  const handler = async ({ res, method, url, path, body, headers }: FakeRequest) => {
    let rest: string;
    const gateway = /^\/api\/gateway\.php\/([^/]+)\/v1(\/.*)$/.exec(path);
    if (gateway) {
      if (decodeURIComponent(gateway[1] ?? "") !== companyDomain) return error(res, 404, "Company not found");
      rest = gateway[2] ?? "/";
    } else if (path.startsWith("/api/v1/")) {
      rest = path.slice("/api/v1".length);
    } else {
      return error(res, 404, "Not found");
    }

    const auth = headers.authorization ?? "";
    const basic = /^Basic (.+)$/i.exec(auth);
    const user = basic
      ? Buffer.from(basic[1] ?? "", "base64")
          .toString("utf8")
          .split(":")[0]
      : null;
    if (!user) return error(res, 401, "API key missing");
    if (user !== apiKey) return error(res, 401, "Invalid API key");
    if (options.forbidden) return error(res, 403, "You do not have access to this resource");

    if (scenario.shouldThrottle()) {
      const seconds = scenario.throttle?.retryAfterSeconds;
      if ((scenario.throttle?.mode ?? "503") === "503") {
        // The historic shape: Retry-After only when the scenario asks for one.
        const wait: Record<string, string> = seconds === undefined ? {} : { "retry-after": String(seconds) };
        return error(res, 503, "Rate limit exceeded. Please try again later.", wait);
      }
      return error(res, 429, "Rate limit exceeded.", { "retry-after": String(seconds ?? 30) });
    }

    const accept = (headers.accept ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    const json = accept === "application/json";
    const isData =
      rest === "/reports/custom" || rest === "/employees/changed" || rest === "/employees/directory";
    if (isData) {
      const page = ++dataRequests;
      await scenario.delay(page);
      const failure = scenario.failureFor(page);
      // An outage, as a load balancer answers it: no BambooHR error header.
      if (failure)
        return send(res, failure, "<html><body>Service error</body></html>", { "content-type": "text/html" });
    }
    const onlyCurrent = url.searchParams.get("onlyCurrent") !== "false";
    const visible = () => store.all().filter((p) => !onlyCurrent || p.status !== "terminated");

    if (method === "POST" && rest === "/reports/custom") {
      if (!REPORT_ACCEPT.has(accept)) return error(res, 404, "Unsupported format");
      if ((url.searchParams.get("format") ?? "").toUpperCase() !== "JSON" || !json) {
        return send(res, 200, "<report/>", { "content-type": "text/xml" });
      }
      let request: { title?: string; fields?: unknown; filters?: Record<string, unknown> };
      try {
        request = JSON.parse(body || "{}");
      } catch {
        return error(res, 400, "Invalid JSON in request body");
      }
      if (!Array.isArray(request.fields) || request.fields.length === 0 || request.fields.length > 400) {
        return error(res, 400, "A report needs between 1 and 400 fields");
      }
      const fields = request.fields.map(String);
      let people = visible();
      const ids = request.filters?.employeeIds;
      if (Array.isArray(ids)) {
        const wanted = new Set(ids.map(String));
        people = people.filter((p) => wanted.has(p.id));
      }
      const lastChanged = request.filters?.lastChanged as { value?: string } | undefined;
      if (lastChanged?.value) {
        const since = Date.parse(lastChanged.value);
        people = people.filter((p) => Date.parse(p.updatedAt) > since);
      }
      return send(res, 200, {
        title: request.title ?? "Report",
        fields: fields.map((id) => ({ id, type: "text", name: id })),
        employees: people.map((p) => pick(render(p, store), fields)),
      });
    }

    if (method === "GET" && rest === "/employees/changed") {
      const sinceText = url.searchParams.get("since") ?? "";
      const since = Date.parse(sinceText);
      if (!sinceText || Number.isNaN(since)) return error(res, 400, "Invalid or missing 'since' parameter");
      if (!json) return send(res, 200, "<employees/>", { "content-type": "text/xml" });
      const type = url.searchParams.get("type");
      const employees: Record<string, { id: string; action: string; lastChanged: string }> = {};
      for (const person of store.all()) {
        if (Date.parse(person.updatedAt) <= since) continue;
        const action = Date.parse(person.createdAt) > since ? "Inserted" : "Updated";
        if (type && type.toLowerCase() !== action.toLowerCase()) continue;
        employees[person.id] = {
          id: person.id,
          action,
          lastChanged: person.updatedAt.replace(/\.\d{3}Z$/, "+00:00"),
        };
      }
      for (const [id, at] of store.deleted) {
        if (Date.parse(at) <= since || (type && type !== "deleted")) continue;
        employees[id] = { id, action: "Deleted", lastChanged: at.replace(/\.\d{3}Z$/, "+00:00") };
      }
      return send(res, 200, {
        latest: scenario
          .now()
          .toISOString()
          .replace(/\.\d{3}Z$/, "+00:00"),
        employees,
      });
    }

    if (method === "GET" && rest === "/employees/directory") {
      const people = visible();
      if (people.length === 0) return error(res, 404, "Directory is empty");
      if (!json) return send(res, 200, "<directory/>", { "content-type": "text/xml" });
      const fields = [
        "displayName",
        "firstName",
        "lastName",
        "jobTitle",
        "workPhone",
        "mobilePhone",
        "workEmail",
        "department",
        "location",
        "division",
        "supervisor",
      ];
      return send(res, 200, {
        fields: fields.map((id) => ({ id, type: "text", name: id })),
        employees: people.map((p) => pick(render(p, store), fields)),
      });
    }

    const one = /^\/employees\/(\d+)$/.exec(rest);
    if (method === "GET" && one) {
      const person = store.get(one[1] ?? "");
      if (!person || (onlyCurrent && person.status === "terminated"))
        return error(res, 404, "Employee not found");
      if (!json) return send(res, 200, "<employee/>", { "content-type": "text/xml" });
      const fields = (url.searchParams.get("fields") ?? "firstName,lastName").split(",").filter(Boolean);
      return send(res, 200, pick(render(person, store), fields));
    }

    return error(res, 404, "Not found");
  };

  return {
    apiKey,
    companyDomain,
    ...peopleControls(store, scenario),
    removePerson: (id) => store.remove(id),
    route: mount(prefix, scenario, handler),
  };
}

/** Starts a fake BambooHR on a free port; point the adapter's baseUrl at `url`. */
export async function startFakeBamboo(options: FakeBambooOptions): Promise<FakeBamboo> {
  return startOnFreePort(createFakeBamboo(options));
}
