import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time,
  // and argon2 is a native addon: bundling either breaks every request.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pg"],
  experimental: {
    // forbidden() renders app/forbidden.tsx with HTTP 403 for role-gated pages.
    authInterrupts: true,
  },
  poweredByHeader: false,
};

export default nextConfig;
