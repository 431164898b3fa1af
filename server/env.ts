import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";
import { parseTrustedProxies } from "./auth/trusted-proxies";

const isBuild = process.env.NEXT_PHASE === "phase-production-build";

/**
 * Every environment variable the app reads, validated once. A bad value stops the process with
 * a message naming the variable and what is expected; nothing else reads `process.env`.
 */
export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
      .optional(),
    DATA_DIR: z.string().min(1).default("./.data"),
    // PostgreSQL only: the longest one statement may run, and a transaction may stay idle (0 = no limit).
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce
      .number({ error: "must be a number of milliseconds, e.g. 30000 (0 = no limit)" })
      .int()
      .min(0)
      .default(30_000),
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce
      .number({ error: "must be a number of milliseconds, e.g. 60000 (0 = no limit)" })
      .int()
      .min(0)
      .default(60_000),
    AUTH_SECRET: z
      .string({ error: "is required: a random string of 32+ characters (openssl rand -base64 32)" })
      .min(32, "must be at least 32 characters (openssl rand -base64 32)"),
    APP_URL: z
      .url({ error: "must be the public URL of the app, e.g. http://localhost:3000" })
      .default("http://localhost:3000"),
    // Unset: the demo is seeded only for the embedded database listening on localhost (server/first-start.ts).
    SEED_DEMO: z
      .enum(["true", "false"], { error: 'must be "true" or "false"' })
      .optional()
      .transform((v) => (v === undefined ? undefined : v === "true")),
    // The interface `npm start` listens on (it passes it to `next start -H`); unset: all interfaces.
    HOST: z.string().min(1).optional(),
    // The platform operator created at first start; without SUPER_ADMIN_PASSWORD a random one is printed once.
    SUPER_ADMIN_EMAIL: z
      .email({ error: "must be the email address of the platform operator" })
      .transform((v) => v.toLowerCase())
      .optional(),
    SUPER_ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    // Automation. Neither Inngest key nor INNGEST_DEV set -> the embedded engine runs the functions.
    INNGEST_EVENT_KEY: z.string().min(1).optional(),
    INNGEST_SIGNING_KEY: z
      .string()
      .regex(
        /^signkey-[a-z]+-[0-9a-f]+$/i,
        "must look like signkey-prod-<hex> (Inngest dashboard -> Signing key)",
      )
      .optional(),
    INNGEST_DEV: z.string().min(1).optional(),
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    // Proxies whose X-Forwarded-For is believed (addresses or CIDR ranges). None: the socket's peer.
    TRUSTED_PROXIES: z
      .string()
      .optional()
      .refine((value) => parseTrustedProxies(value).invalid.length === 0, {
        error: "must be comma-separated IP addresses or CIDR ranges, e.g. 10.0.0.0/8,192.168.1.7",
      }),
    INNGEST_BASE_URL: z
      .url({ error: "must be the URL of an Inngest server, e.g. http://localhost:8288" })
      .optional(),
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
  skipValidation: isBuild,
  onValidationError: (issues) => {
    const lines = issues.map((issue) => `  - ${issue.path?.join(".") ?? "?"}: ${issue.message}`);
    const message = `Invalid environment configuration:\n${lines.join("\n")}`;
    console.error(message);
    throw new Error(message);
  },
});

export type Env = typeof env;

/** "inngest" when Inngest Cloud / a self-hosted server / the dev server is configured, else "embedded". */
export function automationMode(): "inngest" | "embedded" {
  return (env.INNGEST_EVENT_KEY && env.INNGEST_SIGNING_KEY) || env.INNGEST_DEV ? "inngest" : "embedded";
}
