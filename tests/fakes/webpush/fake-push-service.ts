import {
  createDecipheriv,
  createECDH,
  createHmac,
  createPublicKey,
  type ECDH,
  randomBytes,
  randomUUID,
  verify,
} from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local push service (what FCM or Mozilla autopush are to a browser) for tests. `subscribe()`
 * plays the browser: it makes the subscription's P-256 key pair and auth secret and answers the
 * `{endpoint, keys: {p256dh, auth}}` the Push API gives. A push to the endpoint is checked the way
 * push services check it, then decrypted with the browser's keys (RFC 8291, aes128gcm), so a test
 * reads what the user would see:
 * - `Authorization: vapid t=<JWT>, k=<public key>` (RFC 8292): the ES256 signature verified with
 *   k, `aud` the endpoint's origin, `exp` in the future and within 24 h, `sub` present; else 401.
 *   A k other than the applicationServerKey the subscription was made with: 403;
 * - `TTL` required (400), `Content-Encoding: aes128gcm` (415 otherwise), 4096 bytes at most (413);
 * - an unsubscribed or expired subscription (`expire(subscription)`): 410 Gone; unknown: 404;
 * - `failNext(status, retryAfter?)`: 429 with Retry-After, or a 5xx.
 * Accepted pushes answer 201 with a Location and land in `received`.
 */
export type ReceivedPush = {
  endpoint: string;
  payload: unknown;
  urgency: string | null;
  topic: string | null;
  ttl: number;
};

export type FakeSubscription = { endpoint: string; keys: { p256dh: string; auth: string } };

export type FakePushService = {
  baseUrl: string;
  received: ReceivedPush[];
  requests: number;
  subscribe(applicationServerKey: string): FakeSubscription;
  expire(subscription: FakeSubscription): void;
  failNext(status: number, retryAfterSeconds?: number): void;
  close(): Promise<void>;
};

type Browser = { ecdh: ECDH; auth: Buffer; serverKey: string; expired: boolean };

const b64u = (buffer: Buffer) => buffer.toString("base64url");
const hmac = (key: Buffer, data: Buffer) => createHmac("sha256", key).update(data).digest();

/** RFC 8291 + RFC 8188: one aes128gcm record, decrypted with the browser's key and auth secret. */
export function decryptPush(body: Buffer, browser: { ecdh: ECDH; auth: Buffer }): Buffer {
  const salt = body.subarray(0, 16);
  const idLength = body[20] ?? 0;
  const senderKey = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  const shared = browser.ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), browser.ecdh.getPublicKey(), senderKey]);
  const ikm = hmac(hmac(browser.auth, shared), Buffer.concat([keyInfo, Buffer.from([1])]));
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from("Content-Encoding: aes128gcm\0\x01")).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from("Content-Encoding: nonce\0\x01")).subarray(0, 12);
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (padded[end] !== 2) throw new Error("bad padding delimiter");
  return padded.subarray(0, end);
}

/** The VAPID header's problem, or null when a push service would take it. */
function vapidProblem(header: string | undefined, origin: string): { status: number; reason: string } | null {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? "");
  if (!match?.[1] || !match[2]) return { status: 401, reason: "missing or malformed VAPID authorization" };
  const [head, claims, signature] = match[1].split(".");
  const point = Buffer.from(match[2], "base64url");
  if (!head || !claims || !signature || point.length !== 65) return { status: 401, reason: "malformed JWT" };
  const key = createPublicKey({
    key: { kty: "EC", crv: "P-256", x: b64u(point.subarray(1, 33)), y: b64u(point.subarray(33)) },
    format: "jwk",
  });
  const valid = verify(
    "sha256",
    Buffer.from(`${head}.${claims}`),
    { key, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature, "base64url"),
  );
  if (!valid) return { status: 401, reason: "VAPID signature does not verify" };
  const jwt = JSON.parse(Buffer.from(claims, "base64url").toString("utf8")) as {
    aud?: string;
    exp?: number;
    sub?: string;
  };
  const now = Date.now() / 1000;
  if (jwt.aud !== origin) return { status: 401, reason: `aud ${jwt.aud} is not ${origin}` };
  if (!jwt.exp || jwt.exp < now || jwt.exp > now + 24 * 3600 + 60)
    return { status: 401, reason: "exp out of range" };
  if (!jwt.sub) return { status: 401, reason: "sub missing" };
  return null;
}

function answer(res: ServerResponse, status: number, text = "", headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "text/plain", ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startFakePushService(): Promise<FakePushService> {
  const browsers = new Map<string, Browser>();
  const failures: { status: number; retryAfter?: number }[] = [];
  const state = { received: [] as ReceivedPush[], requests: 0 };
  let baseUrl = "";

  const server = createServer(async (req, res) => {
    const id = /^\/push\/([0-9a-f-]+)$/.exec(new URL(req.url ?? "/", "http://fake").pathname)?.[1];
    if (req.method !== "POST" || !id) return answer(res, 404, "not found");
    state.requests += 1;
    const body = await readBody(req);
    const browser = browsers.get(id);
    if (!browser) return answer(res, 404, "subscription not found");
    const problem = vapidProblem(req.headers.authorization, baseUrl);
    if (problem) return answer(res, problem.status, problem.reason);
    const k = /k=([A-Za-z0-9_-]+)/.exec(req.headers.authorization ?? "")?.[1];
    if (k !== browser.serverKey) return answer(res, 403, "VAPID key does not match the subscription");
    const failure = failures.shift();
    if (failure) {
      const headers: Record<string, string> =
        failure.retryAfter !== undefined ? { "retry-after": String(failure.retryAfter) } : {};
      return answer(
        res,
        failure.status,
        failure.status === 429 ? "too many requests" : "server error",
        headers,
      );
    }
    if (browser.expired) return answer(res, 410, "push subscription has unsubscribed or expired");
    if (req.headers.ttl === undefined) return answer(res, 400, "TTL header required");
    if (req.headers["content-encoding"] !== "aes128gcm")
      return answer(res, 415, "unsupported content encoding");
    if (body.length > 4096) return answer(res, 413, "payload too large");
    let payload: unknown;
    try {
      payload = JSON.parse(decryptPush(body, browser).toString("utf8"));
    } catch {
      return answer(res, 400, "payload does not decrypt");
    }
    state.received.push({
      endpoint: `${baseUrl}/push/${id}`,
      payload,
      urgency: (req.headers.urgency as string | undefined) ?? null,
      topic: (req.headers.topic as string | undefined) ?? null,
      ttl: Number(req.headers.ttl),
    });
    answer(res, 201, "", { location: `${baseUrl}/message/${randomUUID()}` });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    get received() {
      return state.received;
    },
    get requests() {
      return state.requests;
    },
    subscribe(applicationServerKey) {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const id = randomUUID();
      browsers.set(id, { ecdh, auth, serverKey: applicationServerKey, expired: false });
      return {
        endpoint: `${baseUrl}/push/${id}`,
        keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(auth) },
      };
    },
    expire(subscription) {
      const id = subscription.endpoint.split("/").pop() ?? "";
      const browser = browsers.get(id);
      if (browser) browser.expired = true;
    },
    failNext(status, retryAfterSeconds) {
      failures.push({ status, retryAfter: retryAfterSeconds });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
