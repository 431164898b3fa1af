import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local Resend for tests: `POST /emails` and `POST /emails/batch` as the `resend` SDK calls
 * them, with the real API's checks and error bodies ({ statusCode, name, message }), so the
 * production transport is tested end to end through RESEND_BASE_URL.
 *
 * - 401 `missing_api_key` without a bearer token, 403 `invalid_api_key` with another one;
 * - 422 `validation_error` for a bad `from` ("Name <a@b.c>" or "a@b.c"), `to`, a missing
 *   subject, or neither html nor text;
 * - `Idempotency-Key`: the same key and payload again answers the first id and sends nothing;
 *   the same key with another payload is a 409 `invalid_idempotent_request`;
 * - `failNext(status, retryAfter?)` queues failures the way the service fails: 429
 *   `rate_limit_exceeded` (with Retry-After), 5xx `application_error`, 422 `validation_error`.
 * - `/emails/batch` takes 1 to 100 emails: in strict validation (the default) one invalid email
 *   refuses the whole call with a 422; in permissive (`x-batch-validation: permissive`) the valid
 *   ones are accepted and answered as `data` (their ids, in order) and the invalid ones as
 *   `errors` ({ index, message }); idempotency covers the whole call.
 * `sent` holds each email actually accepted; `requests` counts every POST, `batchRequests` those
 * of the batch endpoint.
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
  batchRequests: number;
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

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return null;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

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
  const byKey = new Map<string, { payload: string; answer: unknown }>();
  const fake: Omit<FakeResend, "baseUrl" | "close"> = {
    apiKey,
    sent: [],
    requests: 0,
    batchRequests: 0,
    failNext: (status, retryAfterSeconds) => failures.push({ status, retryAfterSeconds }),
  };

  /** The first answer to `key` when the payload is the same; a 409 when it is not. */
  const replay = (res: ServerResponse, key: string | null, payload: string): boolean => {
    const earlier = key ? byKey.get(key) : undefined;
    if (!earlier) return false;
    if (earlier.payload !== payload)
      fail(res, 409, "Same idempotency key used with a different request payload.");
    else answer(res, 200, earlier.answer);
    return true;
  };

  const accept = (email: Record<string, unknown>, key: string | null): string => {
    const id = randomUUID();
    fake.sent.push({
      id,
      from: email.from as string,
      to: Array.isArray(email.to) ? (email.to as string[]) : [email.to as string],
      subject: email.subject as string,
      html: email.html as string | undefined,
      text: email.text as string | undefined,
      idempotencyKey: key,
    });
    return id;
  };

  const server = createServer(async (req, res) => {
    const batch = req.url === "/emails/batch";
    if (req.method !== "POST" || (req.url !== "/emails" && !batch)) return fail(res, 404, "Not found");
    fake.requests += 1;
    if (batch) fake.batchRequests += 1;
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
    if (body === null) return fail(res, 422, "Invalid JSON body.");
    const failure = failures.shift();
    if (failure) {
      const headers: Record<string, string> =
        failure.retryAfterSeconds === undefined ? {} : { "retry-after": String(failure.retryAfterSeconds) };
      return fail(res, failure.status, `Simulated ${failure.status}.`, headers);
    }
    const key = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null;
    const payload = JSON.stringify(body);

    if (batch) {
      if (!Array.isArray(body) || body.length === 0 || body.length > 100)
        return fail(res, 422, "The batch must hold between 1 and 100 emails.");
      const problems = body.map((email) =>
        isObject(email) ? validationProblem(email) : "Each email must be an object.",
      );
      const permissive = req.headers["x-batch-validation"] === "permissive";
      const firstProblem = problems.findIndex((problem) => problem !== null);
      if (!permissive && firstProblem >= 0)
        return fail(res, 422, `emails[${firstProblem}]: ${problems[firstProblem]}`);
      if (replay(res, key, payload)) return;
      const data = body.flatMap((email, index) =>
        problems[index] === null ? [{ id: accept(email as Record<string, unknown>, key) }] : [],
      );
      const errors = problems.flatMap((message, index) => (message === null ? [] : [{ index, message }]));
      const result = permissive ? { data, errors } : { data };
      if (key) byKey.set(key, { payload, answer: result });
      return answer(res, 200, result);
    }

    if (!isObject(body)) return fail(res, 422, "Invalid JSON body.");
    const problem = validationProblem(body);
    if (problem) return fail(res, 422, problem);
    if (replay(res, key, payload)) return;
    const result = { id: accept(body, key) };
    if (key) byKey.set(key, { payload, answer: result });
    return answer(res, 200, result);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
