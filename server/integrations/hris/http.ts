import { type HrisConnection, IntegrationError } from "./adapter";

/**
 * The one way adapters talk HTTP: a timeout on every call, provider errors turned into
 * IntegrationError with a sentence an admin can act on, and the credential scrubbed from anything
 * that could reach a message or a log. Providers differ in how they throttle (BambooHR's 503 with
 * its error header, Okta's E0000047 with an epoch-seconds reset), so each adapter passes a
 * `classify` hook that runs before the common status mapping.
 */

export type ProviderResponse = {
  status: number;
  headers: Headers;
  /** The body as text (JSON parsing is `readJson`'s job, so a bad body is a bad_response). */
  text: string;
  url: string;
};

export type ProviderCall = {
  /** The provider's name in sentences: "BambooHR". */
  label: string;
  url: URL;
  method?: "GET" | "POST";
  headers: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  timeoutMs?: number;
  /** The sentence for a 404: the company, org or base URL does not exist (not_found, no retry). */
  notFound: string;
  /** The sentence for a 401, naming the credential to replace. */
  unauthorized: string;
  /** The sentence for a 403, naming the permission or scope to grant. */
  forbidden: string;
  /** Provider-specific mapping, tried first; return null for the common one. */
  classify?: (response: ProviderResponse) => IntegrationError | null;
};

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Longer than any sensible Retry-After: beyond it the runner should rather fail and alert. */
const MAX_RETRY_AFTER_MS = 15 * 60_000;

/** Replaces every credential value (and its Basic/Bearer forms) in a text with "[redacted]". */
export function redact(text: string, credentials: Record<string, string>): string {
  let out = text;
  for (const value of Object.values(credentials)) {
    if (!value || value.length < 4) continue;
    out = out.split(value).join("[redacted]");
  }
  return out;
}

/** "Retry-After: 120" or "Retry-After: <HTTP date>" in milliseconds from `now`; null if absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === "") return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return clampDelay(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return clampDelay(at - now);
}

export function clampDelay(ms: number): number {
  return Math.min(Math.max(0, Math.round(ms)), MAX_RETRY_AFTER_MS);
}

/** The server's own clock (the Date header) when it sent one, so clock skew does not stretch waits. */
export function serverNow(headers: Headers): number {
  const date = headers.get("date");
  const parsed = date ? Date.parse(date) : Number.NaN;
  return Number.isNaN(parsed) ? Date.now() : parsed;
}

/** What an admin recognises: the host, never a path, query or userinfo that may carry secrets. */
export const hostOf = (url: URL) => url.host;

const errnoOf = (error: unknown): string | null => {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
};

/** Turns a failure to get any response at all into an IntegrationError naming the host. */
function connectionError(label: string, url: URL, error: unknown, timeoutMs: number): IntegrationError {
  const host = hostOf(url);
  if (error instanceof DOMException && error.name === "TimeoutError") {
    return new IntegrationError(
      "unavailable",
      `${label} at ${host} did not answer within ${Math.round(timeoutMs / 1000)} seconds.`,
    );
  }
  const code = errnoOf(error);
  switch (code) {
    case "ENOTFOUND":
    case "EAI_NONAME":
      return new IntegrationError(
        "not_found",
        `The host ${url.hostname} does not exist (DNS lookup failed). Check the ${label} address or company domain.`,
      );
    case "EAI_AGAIN":
      return new IntegrationError("unavailable", `The DNS lookup of ${url.hostname} failed for now.`);
    case "ECONNREFUSED":
      return new IntegrationError(
        "unavailable",
        `${label} at ${host} refused the connection. Check the base URL, or try again later.`,
      );
    case "ECONNRESET":
    case "EPIPE":
    case "UND_ERR_SOCKET":
      return new IntegrationError("unavailable", `${label} at ${host} closed the connection.`);
    case "UND_ERR_CONNECT_TIMEOUT":
    case "ETIMEDOUT":
      return new IntegrationError("unavailable", `Connecting to ${label} at ${host} timed out.`);
    case "CERT_HAS_EXPIRED":
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return new IntegrationError(
        "not_found",
        `The TLS certificate of ${host} is not valid for it (${code}). Check the ${label} address.`,
      );
    default:
      return new IntegrationError(
        "unavailable",
        `Could not reach ${label} at ${host}${code ? ` (${code})` : ""}.`,
      );
  }
}

/** The common status mapping, after the provider's own `classify` had its say. */
function statusError(call: ProviderCall, response: ProviderResponse): IntegrationError {
  const { status } = response;
  const host = hostOf(call.url);
  if (status === 401) return new IntegrationError("auth", call.unauthorized, { status });
  if (status === 403) return new IntegrationError("permission", call.forbidden, { status });
  if (status === 404) return new IntegrationError("not_found", call.notFound, { status });
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), serverNow(response.headers));
    return new IntegrationError(
      "throttled",
      `${call.label} is throttling requests${retryAfterMs !== null ? `; it asks to wait ${Math.ceil(retryAfterMs / 1000)} s` : ""}.`,
      { status, retryAfterMs },
    );
  }
  if (status >= 500 || status === 408) {
    return new IntegrationError(
      "unavailable",
      `${call.label} at ${host} answered ${status} (a server error).`,
      {
        status,
        retryAfterMs: parseRetryAfter(response.headers.get("retry-after"), serverNow(response.headers)),
      },
    );
  }
  return new IntegrationError(
    "bad_response",
    `${call.label} refused the request with status ${status}${detailOf(response)}.`,
    { status },
  );
}

/** A short, single-line provider detail for messages (already redacted by the caller). */
function detailOf(response: ProviderResponse): string {
  const text = response.text.replace(/\s+/g, " ").trim();
  if (!text) return "";
  return `: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
}

/**
 * Sends one request and resolves with a 2xx response, or throws IntegrationError. The credential
 * values of the connection are scrubbed from every error message (a provider that echoes a bad
 * key back must not put it in our run history).
 */
export async function callProvider(
  connection: HrisConnection,
  call: ProviderCall,
): Promise<ProviderResponse> {
  const timeoutMs = call.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = connection.signal ? AbortSignal.any([connection.signal, timeout]) : timeout;
  const headers: Record<string, string> = { ...call.headers };
  let body: string | undefined;
  if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    headers["content-type"] = "application/json";
  }
  let response: ProviderResponse;
  try {
    const raw = await connection.fetch(call.url, { method: call.method ?? "GET", headers, body, signal });
    response = { status: raw.status, headers: raw.headers, text: await raw.text(), url: raw.url };
  } catch (error) {
    // The caller cancelled: let its own reason through untouched.
    if (connection.signal?.aborted) throw connection.signal.reason ?? error;
    // The SSRF guard (or another wrapping fetch) already speaks our language.
    if (error instanceof IntegrationError) throw scrub(error, connection.credentials);
    throw scrub(connectionError(call.label, call.url, error, timeoutMs), connection.credentials);
  }
  if (response.status >= 200 && response.status < 300) return response;
  const mapped = call.classify?.(response) ?? statusError(call, response);
  throw scrub(mapped, connection.credentials);
}

function scrub(error: IntegrationError, credentials: Record<string, string>): IntegrationError {
  const message = redact(error.message, credentials);
  if (message === error.message) return error;
  return new IntegrationError(error.kind, message, {
    status: error.status,
    retryAfterMs: error.retryAfterMs,
  });
}

/** Parses a response body as JSON, or throws bad_response saying what was expected. */
export function readJson(label: string, response: ProviderResponse, expected: string): unknown {
  try {
    return JSON.parse(response.text);
  } catch {
    const type = response.headers.get("content-type") ?? "no content type";
    throw new IntegrationError(
      "bad_response",
      `${label} sent something that is not JSON (${type}) where ${expected} was expected.`,
      { status: response.status },
    );
  }
}

/** A wrong-shape body: the whole page cannot be read (retried; the run fails if it persists). */
export const badShape = (label: string, expected: string) =>
  new IntegrationError("bad_response", `${label} sent a response without ${expected}.`);

/**
 * Joins a base URL (which may carry a path prefix, as the local fakes and sandboxes do) with an
 * API path. Throws not_found for a base URL that is not an http(s) URL.
 */
export function joinUrl(base: string, path: string, label: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(base);
  } catch {
    throw new IntegrationError("not_found", `The ${label} address "${base}" is not a URL.`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new IntegrationError("not_found", `The ${label} address must start with https://.`);
  }
  const prefix = parsed.pathname.replace(/\/+$/, "");
  return new URL(`${parsed.origin}${prefix}${path.startsWith("/") ? path : `/${path}`}`);
}

/**
 * A next-page link from the provider is followed verbatim, but only on the origin we were given:
 * a link elsewhere would send the credential to another host.
 */
export function sameOriginLink(link: string, base: URL, label: string): URL {
  let url: URL;
  try {
    url = new URL(link, base);
  } catch {
    throw new IntegrationError("bad_response", `${label} sent a next-page link that is not a URL.`);
  }
  if (url.origin !== base.origin) {
    throw new IntegrationError(
      "bad_response",
      `${label} sent a next-page link on another host (${url.host}); the credential is only sent to ${base.host}.`,
    );
  }
  return url;
}

/** yyyy-mm-dd from a provider date or timestamp; null for empty or BambooHR's 0000-00-00. */
export function toDay(value: unknown): string | null | undefined {
  if (value === null || value === undefined || value === "" || value === "0000-00-00") return null;
  if (typeof value !== "string") return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(value);
  if (!match) return undefined;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (
    date.getUTCFullYear() !== Number(y) ||
    date.getUTCMonth() !== Number(m) - 1 ||
    date.getUTCDate() !== Number(d)
  ) {
    return undefined;
  }
  return `${y}-${m}-${d}`;
}

/** A trimmed non-empty string, or null. Numbers (Rippling's worker number) become strings. */
export function text(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

/** Today as yyyy-mm-dd in UTC (the status of a hire or leaver is decided against it). */
export const today = (now: Date = new Date()) => now.toISOString().slice(0, 10);
