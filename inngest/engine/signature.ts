import { createHmac } from "node:crypto";

/**
 * The request signature the Inngest SDK verifies (`X-Inngest-Signature: t=<unix s>&s=<hex>`):
 * HMAC-SHA256, keyed with the signing key minus its `signkey-<env>-` prefix, over the canonical
 * JSON of the parsed body (RFC 8785 style: keys sorted, as the SDK's `canonicalize` does)
 * followed by the timestamp. The SDK refuses signatures older than five minutes.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(",")}]`;
  }
  const entries = Object.keys(value)
    .sort()
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(",")}}`;
}

export function signRequest(canonicalBody: string, signingKey: string, at: number = Date.now()): string {
  const timestamp = Math.round(at / 1000).toString();
  const key = signingKey.replace(/^signkey-[\w]+-/, "");
  const signature = createHmac("sha256", key)
    .update(canonicalBody + timestamp)
    .digest("hex");
  return `t=${timestamp}&s=${signature}`;
}
