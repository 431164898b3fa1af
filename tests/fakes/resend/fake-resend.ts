import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local Resend for tests: `POST /emails` as the `resend` SDK calls it, with the real API's
 * checks and error bodies ({ statusCode, name, message }), so the production transport is tested
 * end to end through RESEND_BASE_URL.
 *
 * - 401 `missing_api_key` without a bearer token, 403 `invalid_api_key` with another one;
 * - 422 `validation_error` for a bad `from` ("Name <a@b.c>" or "a@b.c"), `to`, a missing
 *   subject, or neither html nor text;
 * - `Idempotency-Key`: the same key and payload again answers the first id and sends nothing;
 *   the same key with another payload is a 409 `invalid_idempotent_request`;
 * - `failNext(status, retryAfter?)` queues failures the way the service fails: 429
 *   `rate_limit_exceeded` (with Retry-After), 5xx `application_error`, 422 `validation_error`.
 * `sent` holds each email actually accepted; `requests` counts every POST /emails.
 */
export type SentEmail = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html: string | undefined;
  text: string | undefined;
  idempotencyKey: string | null;
};

export type FakeResend = {
  apiKey: string;
  baseUrl: string;
  sent: SentEmail[];
  requests: number;
  failNext(status: number, retryAfterSeconds?: number): void;
  close(): Promise<void>;
};

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const FROM = /^(?:[^<>]+<([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)>|([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+))$/;

const errorNames: Record<number, string> = {
  409: "invalid_idempotent_request",
  422: "validation_error",
  429: "rate_limit_exceeded",
  500: "application_error",
  503: "application_error",
};

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

const fail = (res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) =>
  answer(
    res,
    status,
    { statusCode: status, name: errorNames[status] ?? "application_error", message },
    headers,
  );

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return null;
  }
}

/** The payload's problem as Resend words it, or null when it would be accepted. */
function validationProblem(body: Record<string, unknown>): string | null {
  if (typeof body.from !== "string" || !FROM.test(body.from)) {
    return "Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.";
  }
  const to = Array.isArray(body.to) ? body.to : [body.to];
  if (to.length === 0 || to.length > 50 || !to.every((a) => typeof a === "string" && ADDRESS.test(a))) {
    return "Invalid `to` field. The email address needs to follow the `email@example.com` format.";
  }
  if (typeof body.subject !== "string" || body.subject.length === 0) return "Missing `subject` field.";
  if (typeof body.html !== "string" && typeof body.text !== "string")
    return "Missing `html` or `text` field.";
  return null;
}

export async function startFakeResend(apiKey = "re_test_fake_key"): Promise<FakeResend> {
  const failures: Array<{ status: number; retryAfterSeconds?: number }> = [];
  const byKey = new Map<string, { payload: string; id: string }>();
  const fake: Omit<FakeResend, "baseUrl" | "close"> = {
    apiKey,
    sent: [],
    requests: 0,
    failNext: (status, retryAfterSeconds) => failures.push({ status, retryAfterSeconds }),
  };

  const server = createServer(async (req, res) => {
    if (req.method !== "POST" || req.url !== "/emails") return fail(res, 404, "Not found");
    fake.requests += 1;
    const auth = req.headers.authorization ?? "";
    if (!auth.startsWith("Bearer "))
      return answer(res, 401, {
        statusCode: 401,
        name: "missing_api_key",
        message: "Missing API key in the authorization header.",
      });
    if (auth !== `Bearer ${apiKey}`)
      return answer(res, 403, { statusCode: 403, name: "invalid_api_key", message: "API key is invalid." });
    const body = await readJson(req);
    if (!body) return fail(res, 422, "Invalid JSON body.");
    const failure = failures.shift();
    if (failure) {
      const headers: Record<string, string> =
        failure.retryAfterSeconds === undefined ? {} : { "retry-after": String(failure.retryAfterSeconds) };
      return fail(res, failure.status, `Simulated ${failure.status}.`, headers);
    }
    const problem = validationProblem(body);
    if (problem) return fail(res, 422, problem);

    const key = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null;
    const payload = JSON.stringify(body);
    const earlier = key ? byKey.get(key) : undefined;
    if (earlier && earlier.payload !== payload) {
      return fail(res, 409, "Same idempotency key used with a different request payload.");
    }
    if (earlier) return answer(res, 200, { id: earlier.id });
    const id = randomUUID();
    if (key) byKey.set(key, { payload, id });
    fake.sent.push({
      id,
      from: body.from as string,
      to: Array.isArray(body.to) ? (body.to as string[]) : [body.to as string],
      subject: body.subject as string,
      html: body.html as string | undefined,
      text: body.text as string | undefined,
      idempotencyKey: key,
    });
    return answer(res, 200, { id });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
