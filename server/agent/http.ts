import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { sql } from "kysely";
import type { z } from "zod";
import type { Executor } from "../db";
import { jsonResponse } from "../http";
import { LIMITS } from "./payload";

const gunzipAsync = promisify(gunzip);

/**
 * The agent API's answers: `{ error: { code, message, issues? } }` with the codes the agent
 * understands (agent/ reads them), never a 5xx for bad input.
 */
export class AgentHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { issues?: Array<{ path: string; message: string }>; retryAfter?: number } = {},
  ) {
    super(message);
  }

  toResponse(): Response {
    const { issues, retryAfter } = this.extra;
    const response = jsonResponse(
      { error: { code: this.code, message: this.message, ...(issues ? { issues } : {}) } },
      this.status,
    );
    if (retryAfter !== undefined) response.headers.set("retry-after", String(retryAfter));
    return response;
  }
}

/** Maps an AgentHttpError to its response; anything else goes on to the ladder's one mapping. */
export async function answering(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AgentHttpError) return error.toResponse();
    throw error;
  }
}

const tooLarge = () =>
  new AgentHttpError(413, "payload_too_large", `The check-in is over ${LIMITS.bodyBytes / 1024 / 1024} MB.`);

/** The raw body, refused past `limit` bytes (as sent; a gzip body is measured again once inflated). */
async function readLimited(request: Request, limit: number): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** A JSON body of at most 2 MB, gzip accepted (Content-Encoding: gzip), parsed with `schema`. */
export async function readAgentJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  let body = await readLimited(request, LIMITS.bodyBytes);
  const encoding = request.headers.get("content-encoding")?.trim().toLowerCase();
  if (encoding === "gzip") {
    try {
      body = await gunzipAsync(body, { maxOutputLength: LIMITS.bodyBytes });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError) {
        throw tooLarge();
      }
      throw new AgentHttpError(400, "invalid_encoding", "The body is not valid gzip.");
    }
  } else if (encoding && encoding !== "identity") {
    throw new AgentHttpError(
      415,
      "unsupported_encoding",
      `Content-Encoding ${encoding} is not supported; use gzip.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    throw new AgentHttpError(400, "invalid_json", "The body must be JSON.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 50).map((issue) => ({
      path: issue.path.join("."),
      message: issue.message,
    }));
    const first = issues[0];
    throw new AgentHttpError(
      422,
      "invalid_payload",
      `The payload does not match the check-in schema${first ? ` (${first.path || "body"}: ${first.message})` : ""}.`,
      { issues },
    );
  }
  return parsed.data;
}

/** Per-device limit: one check-in per 30 s on average, bursts of 3 (a token bucket on the device's presence row). */
export const RATE = { perSeconds: 30, burst: 3 } as const;

/** A device's bucket of check-in slots as it stood at `at` (ms since the epoch), before refilling since. */
export type RateBucket = { tokens: number; at: number };

/**
 * Takes one check-in slot of the device's bucket, or throws a 429 saying when to come back (the
 * OCS route; the agent's route decides in process, server/agent/presence.ts). One statement on
 * the device's presence row (created full, less this slot, at its first check-in).
 */
export async function takeCheckInSlot(db: Executor, tenantId: string, deviceId: string): Promise<void> {
  const level = sql<number>`least(${RATE.burst}, p.rate_tokens + extract(epoch from clock_timestamp() - p.rate_at) / ${RATE.perSeconds})`;
  const { rows } = await sql<{ device_id: string }>`
    insert into agent_device_presence as p (device_id, tenant_id, last_seen_at, rate_tokens, rate_at)
    values (${deviceId}, ${tenantId}, now(), ${RATE.burst - 1}, clock_timestamp())
    on conflict (device_id) do update set rate_tokens = ${level} - 1, rate_at = clock_timestamp()
     where ${level} >= 1
    returning p.device_id`.execute(db);
  if (rows.length > 0) return;
  const row = await db
    .selectFrom("agent_device_presence as p")
    .select(sql<number>`ceil((1 - ${level}) * ${RATE.perSeconds})::int`.as("wait"))
    .where("p.tenant_id", "=", tenantId)
    .where("p.device_id", "=", deviceId)
    .executeTakeFirst();
  throw rateLimited(row?.wait ?? null);
}

/** The 429 of a device past its bucket, told to come back in `wait` seconds (at least 1). */
export function rateLimited(wait: number | null): AgentHttpError {
  const seconds = Math.max(1, wait ?? RATE.perSeconds);
  return new AgentHttpError(
    429,
    "rate_limited",
    `Too many check-ins from this device: retry in ${seconds} s.`,
    {
      retryAfter: seconds,
    },
  );
}
