import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

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
    AUTH_SECRET: z
      .string({ error: "is required: a random string of 32+ characters (openssl rand -base64 32)" })
      .min(32, "must be at least 32 characters (openssl rand -base64 32)"),
    APP_URL: z
      .url({ error: "must be the public URL of the app, e.g. http://localhost:3000" })
      .default("http://localhost:3000"),
    SEED_DEMO: z
      .enum(["true", "false"], { error: 'must be "true" or "false"' })
      .default("true")
      .transform((v) => v === "true"),
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
