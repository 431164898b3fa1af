import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy, isForeignServerAction, newNonce } from "@/server/security-headers";

/**
 * In front of every page request: refuses server actions posted from another site (403, where
 * Next.js itself would answer 500), and gives each page its content security policy with a fresh
 * nonce. Route handlers under /api are left out (server actions are posted to pages): they get
 * their headers from next.config.ts, and their bodies (a 25 MB CSV import) are not cut at the
 * proxy's 10 MB limit.
 */
export function proxy(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  if (isForeignServerAction({ method: request.method, pathname, headers: request.headers })) {
    return new NextResponse(
      "Refused: this action can only be submitted from this site's own pages. If you reached the app through a reverse proxy, make it pass the original Host (or X-Forwarded-Host).",
      { status: 403, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } },
    );
  }
  if (pathname.startsWith("/api/")) return NextResponse.next();

  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  // Next.js reads the nonce from the request's policy while rendering; the layout reads x-nonce.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // /ocsinventory is the OCS agents' route handler under another name (next.config.ts rewrites it).
  matcher: ["/((?!api/|ocsinventory|_next/static|_next/image|favicon.ico).*)"],
};
