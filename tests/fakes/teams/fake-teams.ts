import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local Microsoft Teams Workflows webhook for tests (../shared/reference/providers.md, 6.2): the
 * "post to a channel when a webhook request is received" flow's URL,
 * `POST /workflows/{id}/triggers/manual/paths/invoke?api-version=2016-06-01&…&sig=…`, signed by its
 * `sig` query parameter (no other auth). Answers as the Logic Apps front door does:
 * - 202 Accepted for an Adaptive Card envelope (`{type: "message", attachments: [{contentType:
 *   "application/vnd.microsoft.card.adaptive", content: {type: "AdaptiveCard", …}}]}`);
 * - 401 `DirectApiAuthorizationRequired` without the right `sig`, 404 `WorkflowNotFound` for a flow
 *   it never issued or one `deleteFlow`d, 400 `InvalidRequestContent` for anything but that envelope;
 * - `failNext(status, retryAfter?)`: 429 `TooManyRequests` (more than 4 requests a second to one
 *   flow are throttled), with Retry-After when given, or a 5xx.
 * `cards` holds each card accepted; `requests` counts every POST.
 */
export type TeamsCard = { flowId: string; content: Record<string, unknown> };

export type FakeTeams = {
  baseUrl: string;
  cards: TeamsCard[];
  requests: number;
  createFlow(): string;
  deleteFlow(url: string): void;
  failNext(status: number, retryAfterSeconds?: number): void;
  close(): Promise<void>;
};

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (body === null) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

const error = (code: string, message: string) => ({ error: { code, message } });

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return undefined;
  }
}

/** The Adaptive Card inside the envelope Teams takes, or null for anything else. */
function cardOf(body: unknown): Record<string, unknown> | null {
  const envelope = body as { type?: unknown; attachments?: unknown } | undefined;
  if (envelope?.type !== "message" || !Array.isArray(envelope.attachments)) return null;
  const attachment = envelope.attachments[0] as { contentType?: unknown; content?: unknown } | undefined;
  if (attachment?.contentType !== "application/vnd.microsoft.card.adaptive") return null;
  const content = attachment.content as Record<string, unknown> | undefined;
  return content?.type === "AdaptiveCard" ? content : null;
}

export async function startFakeTeams(): Promise<FakeTeams> {
  const flows = new Map<string, string>();
  const failures: { status: number; retryAfter?: number }[] = [];
  const state = { cards: [] as TeamsCard[], requests: 0 };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const match = /^\/workflows\/([0-9a-f]+)\/triggers\/manual\/paths\/invoke$/.exec(url.pathname);
    if (req.method !== "POST" || !match?.[1]) {
      return answer(res, 404, error("NotFound", "The requested resource was not found."));
    }
    state.requests += 1;
    const flowId = match[1];
    const sig = flows.get(flowId);
    if (sig === undefined)
      return answer(res, 404, error("WorkflowNotFound", `The workflow '${flowId}' could not be found.`));
    if (url.searchParams.get("sig") !== sig) {
      return answer(
        res,
        401,
        error(
          "DirectApiAuthorizationRequired",
          "The request must be authenticated only by Shared Access scheme.",
        ),
      );
    }
    const failure = failures.shift();
    if (failure) {
      const headers: Record<string, string> =
        failure.retryAfter !== undefined ? { "retry-after": String(failure.retryAfter) } : {};
      if (failure.status === 429) {
        return answer(
          res,
          429,
          error("TooManyRequests", "Rate limit is exceeded. Try again later."),
          headers,
        );
      }
      return answer(res, failure.status, error("ServiceUnavailable", "The service is unavailable."), headers);
    }
    const content = cardOf(await readJson(req));
    if (!content) {
      return answer(
        res,
        400,
        error("InvalidRequestContent", "The request content is not an Adaptive Card message."),
      );
    }
    state.cards.push({ flowId, content });
    return answer(res, 202, null);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    get cards() {
      return state.cards;
    },
    get requests() {
      return state.requests;
    },
    createFlow() {
      const flowId = hex(16);
      const sig = randomBytes(32).toString("base64url");
      flows.set(flowId, sig);
      const query = new URLSearchParams({
        "api-version": "2016-06-01",
        sp: "/triggers/manual/run",
        sv: "1.0",
        sig,
      });
      return `${baseUrl}/workflows/${flowId}/triggers/manual/paths/invoke?${query}`;
    },
    deleteFlow: (url) => flows.delete(/\/workflows\/([0-9a-f]+)\//.exec(url)?.[1] ?? ""),
    failNext: (status, retryAfterSeconds) => failures.push({ status, retryAfter: retryAfterSeconds }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
