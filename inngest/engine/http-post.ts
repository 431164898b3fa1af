import http from "node:http";
import https from "node:https";

export type PostAnswer = { status: number; header: (name: string) => string | null; text: string };

// Idle connections are closed after 4 s, before Node's (and so Next.js's) 5 s server keep-alive
// timeout would close them under a request.
const agentOptions = { keepAlive: true, timeout: 4_000 };
const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };

/** A request that failed before its connection was made: the server cannot have seen a byte of it. */
class NotSentError extends Error {
  constructor(readonly cause: Error) {
    super(cause.message, { cause });
    this.name = cause.name;
  }
}

function postOnce(url: URL, body: string, headers: Record<string, string>, signal: AbortSignal) {
  const secure = url.protocol === "https:";
  return new Promise<PostAnswer>((resolve, reject) => {
    /** Whether the request had a connection to write to (a reused one, or a new one once made). */
    let connected = false;
    const request = (secure ? https : http).request(
      url,
      {
        method: "POST",
        agent: secure ? agents.https : agents.http,
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
        signal,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const header = (name: string) => {
            const value = response.headers[name.toLowerCase()];
            return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
          };
          resolve({ status: response.statusCode ?? 0, header, text: Buffer.concat(chunks).toString("utf8") });
        });
      },
    );
    request.on("socket", (socket) => {
      if (request.reusedSocket) connected = true;
      else socket.once(secure ? "secureConnect" : "connect", () => (connected = true));
    });
    request.on("error", (error: NodeJS.ErrnoException) => {
      reject(connected || signal.aborted ? error : new NotSentError(error));
    });
    request.end(body);
  });
}

/**
 * POSTs a body and reads the whole answer as text over node:http with kept-alive connections:
 * the engine makes one such call per function step in the app's own process, and fetch's web
 * streams cost it about a third more CPU per call. Rejects on network errors, on `signal` and
 * after `timeoutMs`. A call is sent a second time only when its first connection could not be
 * made (refused, unreachable, TLS handshake): a call is a function step, and a connection reset
 * once the request was written (even a kept-alive one the server was closing, which Node's
 * documentation says to retry) may come after the server read it and ran the step.
 */
export async function postText(
  url: URL,
  body: string,
  headers: Record<string, string>,
  options: { signal: AbortSignal; timeoutMs: number },
): Promise<PostAnswer> {
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
  try {
    return await postOnce(url, body, headers, signal);
  } catch (error) {
    if (!(error instanceof NotSentError)) throw error;
    try {
      return await postOnce(url, body, headers, signal);
    } catch (again) {
      throw again instanceof NotSentError ? again.cause : again;
    }
  }
}
