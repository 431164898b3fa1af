import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * What the three HRIS fakes share: one person model each fake renders in its provider's shape, a
 * scenario (throttling, injected failures, slow pages), a request log, opaque cursors and the
 * plumbing to serve a fake on its own port or under a prefix of a shared one (serve.ts).
 *
 * A FakePerson's `id` is the provider's id (numeric strings for BambooHR, "w_…" for Rippling,
 * "00u…" for Okta) and `managerId` points at another person's id. `updatedAt` is stamped by the
 * mutation helpers from the fake's clock, so changed-since queries see exactly what changed.
 * `extra` is merged last into the rendered record: set a field to null or garbage to make a
 * malformed record.
 */
export type FakePerson = {
  id: string;
  employeeNumber: string | null;
  firstName: string | null;
  lastName: string | null;
  workEmail: string | null;
  personalEmail: string | null;
  phone: string | null;
  title: string | null;
  department: string | null;
  division: string | null;
  location: string | null;
  managerId: string | null;
  hireDate: string | null;
  terminationDate: string | null;
  status: "active" | "pending" | "terminated";
  createdAt: string;
  updatedAt: string;
  extra?: Record<string, unknown>;
};

export type ThrottleOptions = {
  /** BambooHR only: "503" is the historic shape (with X-BambooHR-Error-Message), "429" the current one. */
  mode?: "503" | "429";
  /** Throttle every Nth API request (1-based count of authenticated requests). */
  everyNth?: number;
  /** Throttle the next `times` API requests. */
  times?: number;
  /** Seconds to ask the client to wait (Retry-After, or Okta's reset window). */
  retryAfterSeconds?: number;
};

export type FailOptions = {
  /** The page (1-based) that fails; omitted = any request. */
  page?: number;
  status?: number;
  /** How many times it fails before it answers normally. */
  times: number;
};

export type ScenarioOptions = {
  throttle?: ThrottleOptions;
  fail?: FailOptions;
  /** Delay before answering (every request, or one page). */
  slow?: { ms: number; page?: number };
  /** The fake's clock, for updatedAt stamps and throttle windows. */
  now?: () => Date;
};

export type LoggedRequest = {
  method: string;
  /** Path after the fake's prefix, with the query. */
  url: string;
  headers: Record<string, string>;
  body: string;
  status: number;
};

export class Scenario {
  throttle: ThrottleOptions | undefined;
  fail: FailOptions | undefined;
  slow: { ms: number; page?: number } | undefined;
  readonly now: () => Date;
  readonly requests: LoggedRequest[] = [];
  private apiCalls = 0;

  constructor(options: ScenarioOptions) {
    this.throttle = options.throttle;
    this.fail = options.fail ? { ...options.fail } : undefined;
    this.slow = options.slow;
    this.now = options.now ?? (() => new Date());
  }

  /** Counts an authenticated API request and says whether it is throttled. */
  shouldThrottle(): boolean {
    this.apiCalls++;
    const throttle = this.throttle;
    if (!throttle) return false;
    if (throttle.times !== undefined && throttle.times > 0) {
      throttle.times--;
      return true;
    }
    return (
      throttle.everyNth !== undefined && throttle.everyNth > 0 && this.apiCalls % throttle.everyNth === 0
    );
  }

  /** The status to fail this page with, or null. */
  failureFor(page: number): number | null {
    const fail = this.fail;
    if (!fail || fail.times <= 0) return null;
    if (fail.page !== undefined && fail.page !== page) return null;
    fail.times--;
    return fail.status ?? 500;
  }

  async delay(page: number): Promise<void> {
    const slow = this.slow;
    if (!slow || (slow.page !== undefined && slow.page !== page)) return;
    await new Promise((resolve) => setTimeout(resolve, slow.ms));
  }
}

/** Opaque cursors: a base64url of the last id handed out, so clients cannot build their own. */
export const encodeCursor = (lastId: string) => Buffer.from(`after:${lastId}`).toString("base64url");
export function decodeCursor(value: string): string | null {
  const decoded = Buffer.from(value, "base64url").toString("utf8");
  return decoded.startsWith("after:") ? decoded.slice("after:".length) : null;
}

/** Provider ids compared the way the fakes page them: numerically when both are numbers. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** People after `cursor` (opaque), at most `limit`, and the cursor of the next page or null. */
export function pageAfter<T extends { id: string }>(
  sorted: T[],
  cursor: string | null,
  limit: number,
): { items: T[]; next: string | null; page: number } | null {
  let start = 0;
  if (cursor) {
    const after = decodeCursor(cursor);
    if (after === null) return null;
    // Binary search: the list is sorted by compareIds.
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareIds((sorted[mid] as T).id, after) > 0) high = mid;
      else low = mid + 1;
    }
    start = low;
  }
  const items = sorted.slice(start, start + limit);
  const more = start + limit < sorted.length;
  const last = items.at(-1);
  return { items, next: more && last ? encodeCursor(last.id) : null, page: Math.floor(start / limit) + 1 };
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): void {
  const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, {
    ...(body === undefined || typeof body === "string"
      ? {}
      : { "content-type": "application/json; charset=utf-8" }),
    ...headers,
  });
  res.end(text);
}

/** One fake's request handler: `path` is the URL path after the prefix, `origin` + `prefix` build links. */
export type FakeRequest = {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  url: URL;
  /** The path below the fake's prefix ("/workers/"). */
  path: string;
  /** "http://127.0.0.1:3199/rippling": what absolute links (next_link, Link) start with. */
  root: string;
  body: string;
  headers: Record<string, string>;
};

export type FakeHandler = (request: FakeRequest) => Promise<void> | void;

/**
 * Wraps a fake's handler into a node:http listener under `prefix`: parses, logs (with the status
 * the handler answered), and answers 404 outside the prefix.
 */
export function mount(prefix: string, scenario: Scenario, handler: FakeHandler) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
    if (prefix && url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) return false;
    const path = url.pathname.slice(prefix.length) || "/";
    const body = await readBody(req);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    const entry: LoggedRequest = {
      method: req.method ?? "GET",
      url: `${path}${url.search}`,
      headers,
      body,
      status: 0,
    };
    scenario.requests.push(entry);
    try {
      await handler({
        req,
        res,
        method: entry.method,
        url,
        path,
        root: `${url.origin}${prefix}`,
        body,
        headers,
      });
    } catch (error) {
      if (!res.headersSent) send(res, 500, { error: String(error) });
    }
    entry.status = res.statusCode;
    return true;
  };
}

export type Listening = { url: string; close(): Promise<void> };

/** Serves one mounted fake on 127.0.0.1 (port 0 = any free port). */
export async function listen(
  route: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>,
  port = 0,
): Promise<Listening> {
  const server = createServer((req, res) => {
    route(req, res).then((handled) => {
      if (!handled) send(res, 404, { error: "Not found" });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * The people list a fake keeps, with mutation helpers that stamp updatedAt from the clock so
 * incremental pulls see the change.
 */
export class PeopleStore {
  private people: FakePerson[] = [];
  private byId = new Map<string, FakePerson>();
  /** Ids removed, with when (BambooHR reports them as Deleted in changed-since). */
  readonly deleted = new Map<string, string>();
  /** Bumped by every change, so a fake can cache what it derives from the people (filtered lists). */
  version = 0;

  constructor(
    people: FakePerson[],
    private readonly now: () => Date,
  ) {
    this.set(people);
  }

  set(people: FakePerson[]): void {
    this.people = people.map((person) => ({ ...person })).sort((a, b) => compareIds(a.id, b.id));
    this.byId = new Map(this.people.map((person) => [person.id, person]));
    this.deleted.clear();
    this.version++;
  }

  all(): FakePerson[] {
    return this.people;
  }

  get(id: string): FakePerson | undefined {
    return this.byId.get(id);
  }

  /** `derive(people)`, computed again only after a change (per `key`, such as a search). */
  cached<T>(key: string, derive: (people: FakePerson[]) => T): T {
    if (this.cache.version !== this.version) this.cache = { version: this.version, entries: new Map() };
    if (!this.cache.entries.has(key)) this.cache.entries.set(key, derive(this.people));
    return this.cache.entries.get(key) as T;
  }
  private cache: { version: number; entries: Map<string, unknown> } = { version: -1, entries: new Map() };

  add(person: FakePerson): FakePerson {
    const stamp = this.now().toISOString();
    const added = { ...person, createdAt: stamp, updatedAt: stamp };
    this.people.push(added);
    this.people.sort((a, b) => compareIds(a.id, b.id));
    this.byId.set(added.id, added);
    this.version++;
    return added;
  }

  update(id: string, patch: Partial<FakePerson>): FakePerson {
    const person = this.get(id);
    if (!person) throw new Error(`No fake person ${id}`);
    Object.assign(person, patch, { updatedAt: this.now().toISOString() });
    this.version++;
    return person;
  }

  terminate(id: string, terminationDate = this.now().toISOString().slice(0, 10)): FakePerson {
    return this.update(id, { status: "terminated", terminationDate });
  }

  remove(id: string): void {
    this.people = this.people.filter((person) => person.id !== id);
    this.byId.delete(id);
    this.deleted.set(id, this.now().toISOString());
    this.version++;
  }
}

/** The shared API every fake returns (each adds its own fields). */
export type FakeControls = {
  url: string;
  requests: LoggedRequest[];
  scenario: Scenario;
  setPeople(people: FakePerson[]): void;
  people(): FakePerson[];
  addPerson(person: FakePerson): FakePerson;
  updatePerson(id: string, patch: Partial<FakePerson>): FakePerson;
  terminatePerson(id: string, terminationDate?: string): FakePerson;
  close(): Promise<void>;
};

/** The people controls of FakeControls, over a fake's store and scenario (its route is its own). */
export function peopleControls(store: PeopleStore, scenario: Scenario): Omit<FakeControls, "url" | "close"> {
  return {
    scenario,
    requests: scenario.requests,
    setPeople: (people) => store.set(people),
    people: () => store.all(),
    addPerson: (person) => store.add(person),
    updatePerson: (id, patch) => store.update(id, patch),
    terminatePerson: (id, date) => store.terminate(id, date),
  };
}

/** Serves a created fake on its own free port (serve.ts mounts them on one shared port instead). */
export async function startOnFreePort<Fake extends { route: ReturnType<typeof mount> }>(
  fake: Fake,
): Promise<Fake & Listening> {
  const server = await listen(fake.route);
  return { ...fake, url: server.url, close: server.close };
}

/** `count` people with ids from `idFor(n)`, half reporting to the first: for paging and bulk tests. */
export function makePeople(
  count: number,
  idFor: (n: number) => string,
  options: { updatedAt?: string; department?: string } = {},
): FakePerson[] {
  const stamp = options.updatedAt ?? "2026-01-01T00:00:00.000Z";
  return Array.from({ length: count }, (_, index) => {
    const n = index + 1;
    return {
      id: idFor(n),
      employeeNumber: `E-${String(n).padStart(5, "0")}`,
      firstName: `First${n}`,
      lastName: `Last${n}`,
      workEmail: `person${n}@example.test`,
      personalEmail: null,
      phone: null,
      title: "Analyst",
      department: options.department ?? "Finance",
      division: "Corporate",
      location: "Remote",
      managerId: n === 1 ? null : idFor(1),
      hireDate: "2024-03-01",
      terminationDate: null,
      status: "active",
      createdAt: stamp,
      updatedAt: stamp,
    };
  });
}
