import { createHmac } from "node:crypto";

/**
 * Keys of the embedded engine, derived from AUTH_SECRET so every replica (and every restart)
 * agrees on them with nothing more to configure. They never leave the app: the engine signs its
 * calls to the serve endpoint with the signing key, and functions send events to the engine's
 * event route with the event key.
 */
const hmacHex = (secret: string, context: string) =>
  createHmac("sha256", secret).update(context).digest("hex");

/** A signing key in Inngest's format: the SDK strips the `signkey-<env>-` prefix and HMACs with the rest. */
export function embeddedSigningKey(secret: string): string {
  return `signkey-prod-${hmacHex(secret, "assetronics-embedded-inngest")}`;
}

export function embeddedEventKey(secret: string): string {
  return hmacHex(secret, "assetronics-embedded-inngest-event-key");
}
