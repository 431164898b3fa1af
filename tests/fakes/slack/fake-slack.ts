import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local Slack for tests, answering as Slack does (../shared/reference/providers.md, 6.1):
 * - Incoming webhooks, `POST /services/T…/B…/…` with JSON `{text, blocks}`: 200 `text/plain` `ok`;
 *   errors are plain-text codes with their status: 400 `invalid_payload` (not JSON) / `no_text`
 *   (neither text nor blocks), 404 `no_service` (a URL it never issued or one `revokeWebhook`d).
 * - Web API, `POST /api/chat.postMessage` with `Authorization: Bearer xoxb-…` and JSON
 *   `{channel, text, blocks}`: failures are HTTP **200** with `{"ok": false, "error": …}`:
 *   `not_authed` (no token), `invalid_auth` (wrong token), `channel_not_found`, `not_in_channel`
 *   (`addChannel(id, {member: false})`), `no_text`. Success: `{ok: true, channel, ts, message}`.
 * - `failNext(...)` scripts the next answer of either door: a webhook error (`{status, code}`, for
 *   example 410 `channel_is_archived`), a Web API error (`{code}`, HTTP 200 ok:false), or throttling
 *   (`{status: 429, retryAfter}`: the webhook answers `rate_limited`, the Web API
 *   `{"ok": false, "error": "ratelimited"}`, both with Retry-After), or a 5xx.
 * `messages` holds every message accepted; `requests` every POST, with its headers.
 */
export type SlackMessage = {
  via: "webhook" | "api";
  channel: string;
  text: string | null;
  blocks: unknown[] | null;
  ts: string;
};

type Failure = { status?: number; code?: string; retryAfter?: number };

export type FakeSlack = {
  baseUrl: string;
  /** The Web API's base, what SLACK_API_BASE_URL points at. */
  apiBaseUrl: string;
  botToken: string;
  messages: SlackMessage[];
  requests: { path: string; headers: IncomingMessage["headers"] }[];
  /** A new incoming webhook posting to `channel`; its URL is the secret. */
  createWebhook(channel?: string): string;
  revokeWebhook(url: string): void;
  addChannel(id: string, options?: { member?: boolean }): void;
  failNext(failure: Failure): void;
  close(): Promise<void>;
};

const token = (bytes: number) => randomBytes(bytes).toString("base64url").replace(/[-_]/g, "x");

function plain(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
  res.end(body);
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const botToken = `xoxb-${token(8)}-${token(12)}`;
  const webhooks = new Map<string, string>();
  const channels = new Map<string, { member: boolean }>();
  const failures: Failure[] = [];
  const state = { messages: [] as SlackMessage[], requests: [] as FakeSlack["requests"], ts: 1_778_001_234 };
  const nextTs = () => {
    state.ts += 1;
    return `${state.ts}.000200`;
  };
  const retryHeaders = (failure: Failure): Record<string, string> =>
    failure.retryAfter !== undefined ? { "retry-after": String(failure.retryAfter) } : {};

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    if (req.method !== "POST") return plain(res, 404, "not_found");
    state.requests.push({ path, headers: req.headers });

    if (path.startsWith("/services/")) {
      const channel = webhooks.get(path);
      if (!channel) return plain(res, 404, "no_service");
      const failure = failures.shift();
      if (failure) {
        const status = failure.status ?? 400;
        return plain(
          res,
          status,
          failure.code ?? (status === 429 ? "rate_limited" : "internal_error"),
          retryHeaders(failure),
        );
      }
      const body = await readJson(req);
      if (!body) return plain(res, 400, "invalid_payload");
      if (typeof body.text !== "string" && !Array.isArray(body.blocks)) return plain(res, 400, "no_text");
      state.messages.push({
        via: "webhook",
        channel,
        text: typeof body.text === "string" ? body.text : null,
        blocks: Array.isArray(body.blocks) ? body.blocks : null,
        ts: nextTs(),
      });
      return plain(res, 200, "ok");
    }

    if (path === "/api/chat.postMessage") {
      const auth = req.headers.authorization;
      if (!auth) return json(res, 200, { ok: false, error: "not_authed" });
      if (auth !== `Bearer ${botToken}`) return json(res, 200, { ok: false, error: "invalid_auth" });
      const failure = failures.shift();
      if (failure?.status === 429) {
        return json(res, 429, { ok: false, error: "ratelimited" }, retryHeaders(failure));
      }
      if (failure?.status && failure.status >= 500) return plain(res, failure.status, "Service Unavailable");
      if (failure) return json(res, 200, { ok: false, error: failure.code ?? "internal_error" });
      const body = await readJson(req);
      if (!body) return json(res, 200, { ok: false, error: "invalid_json" });
      const channel = typeof body.channel === "string" ? body.channel : "";
      const known = channels.get(channel);
      if (!known) return json(res, 200, { ok: false, error: "channel_not_found" });
      if (!known.member) return json(res, 200, { ok: false, error: "not_in_channel" });
      if (typeof body.text !== "string" && !Array.isArray(body.blocks)) {
        return json(res, 200, { ok: false, error: "no_text" });
      }
      const message: SlackMessage = {
        via: "api",
        channel,
        text: typeof body.text === "string" ? body.text : null,
        blocks: Array.isArray(body.blocks) ? body.blocks : null,
        ts: nextTs(),
      };
      state.messages.push(message);
      return json(res, 200, {
        ok: true,
        channel,
        ts: message.ts,
        message: { type: "message", text: message.text, ts: message.ts },
      });
    }
    return plain(res, 404, "not_found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    apiBaseUrl: `${baseUrl}/api`,
    botToken,
    get messages() {
      return state.messages;
    },
    get requests() {
      return state.requests;
    },
    createWebhook(channel = "C0FAKEHOOK") {
      const path = `/services/T${token(6).toUpperCase()}/B${token(6).toUpperCase()}/${token(18)}`;
      webhooks.set(path, channel);
      return `${baseUrl}${path}`;
    },
    revokeWebhook: (url) => webhooks.delete(new URL(url).pathname),
    addChannel: (id, options) => channels.set(id, { member: options?.member ?? true }),
    failNext: (failure) => failures.push(failure),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
