import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedEvent = { id?: string; name: string; data: Record<string, unknown>; ts?: number };

/**
 * A local stand-in for Inngest's event API (`POST /e/:eventKey`) and function registration
 * (`POST /fn/register`, bearer-authenticated with the hashed signing key), answering like the real one:
 * `{ ids, status: 200 }` for accepted batches, 401 for an unknown key, and — when told to fail —
 * 500s. Events with an id already seen are de-duplicated, as Inngest does.
 */
export type FakeEventApi = {
  url: string;
  /** Bodies of `POST /fn/register` (the SDK registering its functions on PUT). */
  registrations: Array<{
    url: string;
    appName: string;
    functions: Array<{ id: string; triggers: unknown[] }>;
  }>;
  received: ReceivedEvent[];
  accepted: Map<string, ReceivedEvent>;
  requests: number;
  failNext: (count: number) => void;
  close: () => Promise<void>;
};

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startFakeEventApi(eventKey: string): Promise<FakeEventApi> {
  let failures = 0;
  const state = {
    received: [] as ReceivedEvent[],
    accepted: new Map<string, ReceivedEvent>(),
    requests: 0,
    registrations: [] as FakeEventApi["registrations"],
  };
  const server: Server = createServer(async (request, response) => {
    const body = await readBody(request);
    state.requests++;
    const reply = (status: number, payload: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(payload));
    };
    if (request.method === "POST" && request.url?.startsWith("/fn/register")) {
      if (!/^Bearer signkey-/.test(request.headers.authorization ?? ""))
        return reply(401, { error: "unauthorized" });
      state.registrations.push(JSON.parse(body));
      return reply(200, { ok: true, modified: true });
    }
    const match = request.method === "POST" ? /^\/e\/([^/?]+)/.exec(request.url ?? "") : null;
    if (!match) return reply(404, { error: "not found", status: 404 });
    if (match[1] !== eventKey) return reply(401, { error: "Event key not found", status: 401 });
    if (failures > 0) {
      failures--;
      return reply(500, { error: "internal error", status: 500 });
    }
    const parsed = JSON.parse(body) as ReceivedEvent | ReceivedEvent[];
    const events = Array.isArray(parsed) ? parsed : [parsed];
    const ids = events.map((event) => {
      state.received.push(event);
      const id = event.id ?? `generated-${state.received.length}`;
      if (!state.accepted.has(id)) state.accepted.set(id, event);
      return id;
    });
    return reply(200, { ids, status: 200 });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    get received() {
      return state.received;
    },
    get accepted() {
      return state.accepted;
    },
    get requests() {
      return state.requests;
    },
    get registrations() {
      return state.registrations;
    },
    failNext: (count) => {
      failures = count;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
