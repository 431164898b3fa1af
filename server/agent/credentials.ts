import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { getDb } from "../db";
import { type TokenVerifier, tokenDigest } from "../route";
import type { RateBucket } from "./http";

/**
 * Secrets of the agent: enrollment tokens ("enr_...", handed to an install script by an admin) and
 * device credentials ("dev_...", what a device sends on every check-in). Both are 32 random bytes,
 * shown once; only their SHA-256 is stored, with a prefix for people to recognize a token by.
 */
const secret = (prefix: "enr_" | "dev_") => `${prefix}${randomBytes(32).toString("base64url")}`;

export function newEnrollmentToken(): { token: string; hash: string; prefix: string } {
  const token = secret("enr_");
  return { token, hash: tokenDigest(token), prefix: token.slice(0, 10) };
}

export function newDeviceCredential(): { credential: string; hash: string } {
  const credential = secret("dev_");
  return { credential, hash: tokenDigest(credential) };
}

const ENROLLMENT_TOKEN = /^enr_[A-Za-z0-9_-]{43}$/;
const DEVICE_CREDENTIAL = /^dev_[A-Za-z0-9_-]{43}$/;

/** The tenant of an enrollment token, and whether it may still enroll (not revoked, not expired). */
export async function findEnrollmentToken(
  token: string,
): Promise<{ tenantId: string; tokenId: string; usable: boolean } | null> {
  if (!ENROLLMENT_TOKEN.test(token)) return null;
  const db = await getDb();
  const { rows } = await sql<{ tenant_id: string; token_id: string; usable: boolean }>`
    select tenant_id, token_id, usable from app_agent_enrollment_token(${tokenDigest(token)})`.execute(db);
  const row = rows[0];
  return row ? { tenantId: row.tenant_id, tokenId: row.token_id, usable: row.usable } : null;
}

/**
 * A device as its credential identifies it, with what its check-in is decided by: its asset, its
 * stored facts and software hashes (null before its first check-in) and its rate-limit bucket as
 * last written (null before its first check-in).
 */
export type AgentCaller = {
  tenantId: string;
  deviceId: string;
  assetId: string | null;
  factsHash: string | null;
  softwareHash: string | null;
  bucket: RateBucket | null;
};

/**
 * The device credential a check-in carries: one indexed lookup, outside any transaction, that also
 * answers which tenant the device belongs to and (joined to its presence row) all a check-in that
 * changes nothing needs to be answered, so it waits for no other statement. A revoked device's
 * credential, or a replaced one (after rotation), is refused.
 */
export const deviceCredential: TokenVerifier<AgentCaller> = {
  name: "a device credential",
  async verify(token) {
    if (token === null || !DEVICE_CREDENTIAL.test(token)) return null;
    const db = await getDb();
    const { rows } = await sql<{
      tenant_id: string;
      device_id: string;
      asset_id: string | null;
      facts_hash: string | null;
      software_hash: string | null;
      rate_tokens: number | null;
      rate_at: Date | null;
    }>`
      select tenant_id, device_id, asset_id, facts_hash, software_hash, rate_tokens, rate_at
        from app_agent_device(${tokenDigest(token)})`.execute(db);
    const row = rows[0];
    if (!row) return null;
    return {
      tenantId: row.tenant_id,
      deviceId: row.device_id,
      assetId: row.asset_id,
      factsHash: row.facts_hash,
      softwareHash: row.software_hash,
      bucket:
        row.rate_tokens === null || row.rate_at === null
          ? null
          : { tokens: Number(row.rate_tokens), at: new Date(row.rate_at).getTime() },
    };
  },
};
