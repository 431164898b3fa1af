/** How the server quotes a request in a 5xx message (server/trpc.ts, server/http.ts). */
const QUOTED_REFERENCE = /\(reference ([A-Za-z0-9_-]{8,64})\)/;

/**
 * The reference an error page shows, for a person to quote to support: the request id a tRPC or
 * route handler failure names in its message, else the digest Next.js gives a server rendering
 * error (logged with it by instrumentation.ts), else none.
 */
export function referenceOf(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const message = "message" in error && typeof error.message === "string" ? error.message : "";
  const quoted = QUOTED_REFERENCE.exec(message)?.[1];
  if (quoted) return quoted;
  return "digest" in error && typeof error.digest === "string" && error.digest ? error.digest : null;
}
