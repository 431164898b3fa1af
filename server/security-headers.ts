/**
 * The content security policy of every page, and the cross-origin check for server actions; both
 * applied by proxy.ts. The headers that never change per request (X-Frame-Options, nosniff,
 * Referrer-Policy, Permissions-Policy) are set for every response in next.config.ts, which also
 * gives file previews their own policy (inlineFilePolicy).
 */

/** A fresh nonce per page request: Next.js puts it on its own scripts, next-themes on its one. */
export function newNonce(): string {
  return btoa(crypto.randomUUID());
}

/**
 * Scripts only with the request's nonce (and whatever those load: 'strict-dynamic'), so injected
 * markup cannot run script. Styles allow inline: Recharts and Radix render `style` attributes on the
 * server. The camera scanner plays a MediaStream (no URL to allow) and asks for the camera, which
 * Permissions-Policy grants to this origin. `next dev` needs eval for its error overlay.
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    // The file preview dialog frames /api/files/<id>/preview (inlineFilePolicy); nothing else is framed.
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

type RequestLine = { method: string; pathname: string; headers: Headers };

/**
 * Whether `request` invokes a server action from a page of another site. Next.js refuses it too,
 * but by throwing, which answers 500; it compares the Origin's host with X-Forwarded-Host (first
 * value), else Host, and so does this. A request without Origin passes, as in Next.js: browsers
 * always send it with a cross-site POST. Fetch actions carry `next-action`; a form posted without
 * JavaScript is multipart/form-data.
 */
export function isForeignServerAction({ method, pathname, headers }: RequestLine): boolean {
  if (method !== "POST" || pathname.startsWith("/api/")) return false;
  const isAction =
    headers.has("next-action") || (headers.get("content-type") ?? "").startsWith("multipart/form-data");
  if (!isAction) return false;
  const origin = headers.get("origin");
  if (origin === null) return false;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  return !host || originHost(origin) !== host;
}

function originHost(origin: string): string | null {
  if (origin === "null") return "null";
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * The policy of a file the app shows inline (an image or a PDF from /api/files/<id>/preview,
 * whose type the server sniffed from the bytes at upload): framed by this origin's pages only (the
 * preview dialog), and inert: the document may load, run, post or frame nothing of its own.
 * default-src 'none' (object-src included) leaves the browsers' own PDF viewers working; checked
 * in Chromium 156. `sandbox` would say "inert" more strongly, and Chromium 156 shows the PDF under
 * it too, but Firefox refuses to show a PDF in a sandboxed document (as older Chromium and Safari
 * did), so it is left out.
 */
export const inlineFilePolicy = [
  "default-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join("; ");
