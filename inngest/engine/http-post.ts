import http from "node:http";
import https from "node:https";

export type PostAnswer = { status: number; header: (name: string) => string | null; text: string };

// Idle connections are closed after 4 s, before Node's (and so Next.js's) 5 s server keep-alive
// timeout would close them under a request.
const agentOptions = { keepAlive: true, timeout: 4_000 };
const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };

function postOnce(url: URL, body: string, headers: Record<string, string>, signal: AbortSignal) {
  const secure = url.protocol === "https:";
  return new Promise<PostAnswer>((resolve, reject) => {
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
    request.on("error", (error: NodeJS.ErrnoException) => {
      // The server closed a kept-alive connection as it was reused: nothing was answered, say so.
      reject(Object.assign(error, { staleConnection: request.reusedSocket && error.code === "ECONNRESET" }));
    });
    request.end(body);
  });
}

/**
 * POSTs a body and reads the whole answer as text over node:http with kept-alive connections:
 * the engine makes one such call per function step in the app's own process, and fetch's web
 * streams cost it about a third more CPU per call. Rejects on network errors, on `signal` and
 * after `timeoutMs`; a call that met a connection the server had just closed is sent once more
 * on a new one, as Node's documentation advises.
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
    if (!(error as { staleConnection?: boolean }).staleConnection) throw error;
    return postOnce(url, body, headers, signal);
  }
}
