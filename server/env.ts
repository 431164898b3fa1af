import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";
import { parseTrustedProxies } from "./auth/trusted-proxies";
import { parseKeyring } from "./employees/encryption";

const isBuild = process.env.NEXT_PHASE === "phase-production-build";

type InngestKeys = { INNGEST_EVENT_KEY?: string; INNGEST_SIGNING_KEY?: string; INNGEST_DEV?: string };

/**
 * Inngest Cloud (or a self-hosted server) needs both keys: with one alone the app would silently
 * run the embedded engine while its owner believes Inngest runs the functions. The dev server
 * (INNGEST_DEV) needs neither.
 */
function requireBothInngestKeys(value: InngestKeys, ctx: z.RefinementCtx): void {
  if (value.INNGEST_DEV) return;
  const pairs = [
    ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "Inngest dashboard -> Signing key"],
    ["INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY", "Inngest dashboard -> Event keys"],
  ] as const;
  for (const [present, missing, where] of pairs) {
    if (value[present] && !value[missing]) {
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message: `is required when ${present} is set (${where}); unset both to run the functions on the embedded engine`,
      });
    }
  }
}

/** An UploadThing token is base64 JSON naming the API key, the app and its regions. */
function isUploadThingToken(token: string): boolean {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
    return (
      typeof parsed.apiKey === "string" && typeof parsed.appId === "string" && Array.isArray(parsed.regions)
    );
  } catch {
    return false;
  }
}

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
    // Keys sealing employees' personal data, `id:base64key,...` oldest first, the last sealing new
    // values. Unset: a key generated into DATA_DIR/employee-data-keys (server/employees/keyring.ts).
    EMPLOYEE_DATA_KEYS: z
      .string()
      .optional()
      .superRefine((value, ctx) => {
        if (value === undefined) return;
        try {
          parseKeyring(value);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
        }
      }),
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
    // Where the endpoint agent's binaries are served from (/api/agent/v1/download/{os}/{arch}).
    AGENT_DIST_DIR: z.string().min(1).default("agent/dist"),
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
    // The port this process serves on: Next.js sets it to the one it listens on (`next start -p`)
    // before the app boots. The embedded engine calls it over loopback.
    PORT: z.coerce
      .number({ error: "must be a TCP port number, e.g. 3000" })
      .int()
      .min(1)
      .max(65_535)
      .default(3000),
    // Where the embedded engine reaches this process's /api/inngest; unset: loopback on PORT.
    ENGINE_SERVE_URL: z
      .url({
        error: "must be the URL of this process's serve endpoint, e.g. http://127.0.0.1:3000/api/inngest",
      })
      .refine((url) => new URL(url).pathname.replace(/\/+$/, "") === "/api/inngest", {
        error: "must end in /api/inngest, e.g. http://127.0.0.1:3000/api/inngest",
      })
      .optional(),
    // Files: UploadThing when its token is set (UploadThing dashboard -> API Keys), else local disk
    // under DATA_DIR/files. The URLs and host point the SDK elsewhere (tests use a local fake).
    UPLOADTHING_TOKEN: z
      .string()
      .refine(isUploadThingToken, {
        error: "must be the token from the UploadThing dashboard (API Keys -> UPLOADTHING_TOKEN)",
      })
      .optional(),
    UPLOADTHING_API_URL: z.url({ error: "must be a URL, e.g. https://api.uploadthing.com" }).optional(),
    UPLOADTHING_INGEST_URL: z.url({ error: "must be a URL of an UploadThing ingest server" }).optional(),
    UPLOADTHING_UFS_HOST: z.string().min(1).optional(),
    // Email: sent with Resend when its key is set (Resend dashboard -> API Keys), else stored and
    // shown to admins as "Mail preview". RESEND_BASE_URL points the SDK elsewhere (tests use a fake).
    RESEND_API_KEY: z.string().startsWith("re_", "must be a Resend API key (re_...)").optional(),
    RESEND_BASE_URL: z.url({ error: "must be a URL, e.g. https://api.resend.com" }).optional(),
    MAIL_FROM: z
      .string()
      .regex(/^(.+ <)?[^\s@<>]+@[^\s@<>]+>?$/, 'must be an address like "Assetronics <it@example.com>"')
      .default("Assetronics <notifications@assetronics.local>"),
    // Text messages: sent through Twilio's REST API when the account SID and auth token are set
    // (Twilio console -> Account Info), else stored and shown to admins beside the mail preview.
    // TWILIO_BASE_URL points the client elsewhere (tests use a local fake).
    TWILIO_ACCOUNT_SID: z
      .string()
      .regex(/^AC[0-9a-f]{32}$/i, "must be a Twilio account SID (AC + 32 hex)")
      .optional(),
    TWILIO_AUTH_TOKEN: z.string().min(16, "must be the Twilio auth token").optional(),
    TWILIO_FROM: z
      .string()
      .regex(
        /^(\+[1-9][0-9]{6,14}|MG[0-9a-f]{32})$/i,
        "must be a number like +15551234567 or a messaging service SID (MG...)",
      )
      .optional(),
    TWILIO_BASE_URL: z
      .url({ error: "must be a URL, e.g. https://api.twilio.com" })
      .default("https://api.twilio.com"),
    // Browser push (VAPID): unset, a key pair is generated into DATA_DIR/vapid-keys.json on first use.
    VAPID_PUBLIC_KEY: z
      .string()
      .min(80, "must be a base64url VAPID public key (npx web-push generate-vapid-keys)")
      .optional(),
    VAPID_PRIVATE_KEY: z.string().min(40, "must be a base64url VAPID private key").optional(),
    VAPID_SUBJECT: z
      .string()
      .regex(/^(mailto:|https:)/, "must be a mailto: or https: URL where push services can reach you")
      .optional(),
    // Team chat: Slack's Web API for destinations that post with a bot token (chat.postMessage).
    // Points elsewhere only for tests; a private address also needs INTEGRATIONS_ALLOW_PRIVATE_HOSTS.
    SLACK_API_BASE_URL: z
      .url({ error: "must be a URL, e.g. https://slack.com/api" })
      .default("https://slack.com/api"),
    // Sign-ups one address may start per hour (server/accounts/sign-in-throttle.ts); past it the
    // form is refused. Raised only where one machine signs up many organizations (the e2e suite).
    SIGN_UPS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(10),
    // Integrations and team chat webhooks: a base URL or webhook URL on a private or loopback
    // address (or plain http) is refused unless this is "true" (local fakes, on-premises
    // sandboxes): server/integrations/guarded-fetch.ts.
    INTEGRATIONS_ALLOW_PRIVATE_HOSTS: z
      .enum(["true", "false"], { error: 'must be "true" or "false"' })
      .default("false")
      .transform((v) => v === "true"),
    // "true" only for a server started by a benchmark (bench/agent.bench.ts): the routes under
    // app/api/bench exist, the baselines the app's own routes are measured against. Else they 404.
    BENCH_ROUTES: z
      .enum(["true", "false"], { error: 'must be "true" or "false"' })
      .default("false")
      .transform((v) => v === "true"),
    // Milliseconds: log every stall of the request thread's event loop (and garbage collection
    // pause) at least this long (server/heavy-jobs.ts watchEventLoopStalls); 0, the default, is off.
    EVENT_LOOP_STALL_MS: z.coerce.number().int().min(0).max(60_000).default(0),
  },
  client: {},
  createFinalSchema: (shape) => z.object(shape).superRefine(requireBothInngestKeys),
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
