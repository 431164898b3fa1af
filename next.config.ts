import type { NextConfig } from "next";
import { inlineFilePolicy } from "./server/security-headers";

/**
 * Sent with every response. Pages also get a content security policy with a per-request nonce
 * (proxy.ts); everything else (route handlers, static files) may not be framed either, except a
 * file's preview, which the app's own preview dialog frames (filePreview below).
 */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // The camera scanner of asset audits needs the camera on this origin; nothing else is used.
  { key: "Permissions-Policy", value: "camera=(self), microphone=(), geolocation=(), payment=(), usb=()" },
];
const frameDenied = [{ key: "X-Frame-Options", value: "DENY" }];
const frameAncestorsOnly = [{ key: "Content-Security-Policy", value: "frame-ancestors 'none'" }];
/**
 * /api/files/<id>/preview, framed by this origin only under the inert policy its handler also
 * sends (server/http.ts previewResponse); set here too so its errors carry it. Next.js keeps a
 * header set here over the handler's, so the rules above must leave this path out, not override.
 */
const filePreview = "/api/files/:id/preview";
const filePreviewHeaders = [
  { key: "Content-Security-Policy", value: inlineFilePolicy },
  { key: "X-Frame-Options", value: "SAMEORIGIN" },
];

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time,
  // and argon2 is a native addon: bundling either breaks every request.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pg"],
  experimental: {
    // forbidden() renders app/forbidden.tsx with HTTP 403 for role-gated pages.
    authInterrupts: true,
  },
  poweredByHeader: false,
  // The test command (scripts/test-all.mjs) has run tsc over the whole project just before it
  // builds: it says so, and the build skips checking the same types a second time.
  typescript: { ignoreBuildErrors: process.env.TYPES_CHECKED === "1" },
  // A build of its own (bench/isolation-under-load builds into .next-bench) leaves .next alone.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Stock OCS Inventory agents post to /ocsinventory by default (app/api/agent/ocs/route.ts).
  async rewrites() {
    return [{ source: "/ocsinventory", destination: "/api/agent/ocs" }];
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Every path but filePreview's (a negative lookahead, as Next.js matches `source`).
      { source: "/:path((?!api/files/[^/]+/preview$).*)", headers: frameDenied },
      // Not a page policy: the label PDFs open inline in the browser's viewer.
      { source: "/api/:path((?!files/[^/]+/preview$).*)", headers: frameAncestorsOnly },
      { source: "/_next/:path*", headers: frameAncestorsOnly },
      { source: filePreview, headers: filePreviewHeaders },
    ];
  },
};

export default nextConfig;
