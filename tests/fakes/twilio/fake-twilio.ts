import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local Twilio for tests: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` as Twilio's
 * REST API takes it (form-encoded, Basic auth with the account SID and auth token) and answers it,
 * with its error bodies `{code, message, more_info, status}`:
 * - 401 code 20003 without or with wrong credentials, or for another account's path;
 * - 400 code 21604 without `Body`, 21211 for a `To` that is not E.164 or is Twilio's magic
 *   invalid test number (+15005550001, as its test credentials answer it), 21603 without `From`
 *   or `MessagingServiceSid`; 21610 for a number that replied STOP (`optOut(number)`);
 * - `failNext(status, retryAfter?)`: 429 code 20429 "Too Many Requests" (with Retry-After when
 *   given), 500/503 code 20500.
 * `messages` holds each message accepted (201 with `sid` SM..., `status` "queued"); `requests`
 * counts every POST.
 */
export type SentSms = {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
};

export type FakeTwilio = {
  accountSid: string;
  authToken: string;
  baseUrl: string;
  from: string;
  messages: SentSms[];
  requests: number;
  optOut(number: string): void;
  /** The number texted START: messages to it are taken again. */
  optIn(number: string): void;
  failNext(status: number, retryAfterSeconds?: number): void;
  close(): Promise<void>;
};

const E164 = /^\+[1-9][0-9]{6,14}$/;
/** Twilio's magic test number that is "not a valid phone number" however well formed. */
export const INVALID_NUMBER = "+15005550001";
const hex = (bytes: number) => randomBytes(bytes).toString("hex");

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

const fail = (res: ServerResponse, status: number, code: number, message: string, headers = {}) =>
  answer(
    res,
    status,
    { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
    headers,
  );

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const accountSid = `AC${hex(16)}`;
  const authToken = hex(16);
  const failures: { status: number; retryAfter?: number }[] = [];
  const optedOut = new Set<string>();
  const state = { messages: [] as SentSms[], requests: 0 };

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
    if (req.method !== "POST" || !match) {
      fail(res, 404, 20404, "The requested resource was not found");
      return;
    }
    state.requests += 1;
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
    if (req.headers.authorization !== expected || match[1] !== accountSid) {
      fail(res, 401, 20003, "Authenticate");
      return;
    }
    const failure = failures.shift();
    if (failure) {
      if (failure.status === 429) {
        const headers: Record<string, string> =
          failure.retryAfter !== undefined ? { "retry-after": String(failure.retryAfter) } : {};
        fail(res, 429, 20429, "Too Many Requests", headers);
      } else fail(res, failure.status, 20500, "Internal Server Error");
      return;
    }
    if (!String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
      fail(res, 400, 20001, "Expected a form-encoded body");
      return;
    }
    const form = await readForm(req);
    const to = form.get("To") ?? "";
    const body = form.get("Body");
    const from = form.get("From");
    const messagingServiceSid = form.get("MessagingServiceSid");
    if (!from && !messagingServiceSid) {
      fail(res, 400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message");
      return;
    }
    if (!E164.test(to) || to === INVALID_NUMBER) {
      fail(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
      return;
    }
    if (!body) {
      fail(res, 400, 21602, "Message body is required.");
      return;
    }
    if (body.length > 1600) {
      fail(res, 400, 21617, "The concatenated message body exceeds the 1600 character limit.");
      return;
    }
    if (optedOut.has(to)) {
      fail(res, 400, 21610, "Attempt to send to unsubscribed recipient");
      return;
    }
    const message = { sid: `SM${hex(16)}`, to, from, messagingServiceSid, body };
    state.messages.push(message);
    answer(res, 201, {
      account_sid: accountSid,
      sid: message.sid,
      to,
      from,
      messaging_service_sid: messagingServiceSid,
      body,
      status: "queued",
      num_segments: String(Math.ceil(body.length / 153)),
      date_created: new Date().toUTCString(),
      error_code: null,
      error_message: null,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}.json`,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    accountSid,
    authToken,
    baseUrl: `http://127.0.0.1:${port}`,
    from: "+15005550006",
    get messages() {
      return state.messages;
    },
    get requests() {
      return state.requests;
    },
    optOut: (number) => optedOut.add(number),
    optIn: (number) => optedOut.delete(number),
    failNext(status, retryAfterSeconds) {
      failures.push({ status, retryAfter: retryAfterSeconds });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
