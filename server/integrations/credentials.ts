import { open, seal } from "../employees/encryption";
import { withKeyring } from "../employees/process-keyring";
import { AppError } from "../errors";

/**
 * An integration's credentials at rest: the whole set as one AES-256-GCM envelope under the data
 * keyring (server/employees/encryption.ts: key id in the envelope, so keys rotate), bound to the
 * tenant and the integration, so a sealed value copied to another integration or tenant does not
 * open. Only hints ("••••3f9a") are ever shown again; the values reach an adapter and nothing else.
 */

const contextOf = (tenantId: string, integrationId: string) =>
  `integration-credentials:${tenantId}:${integrationId}`;

export function sealCredentials(
  tenantId: string,
  integrationId: string,
  credentials: Record<string, string>,
): string {
  return withKeyring((keyring) =>
    seal(keyring, contextOf(tenantId, integrationId), JSON.stringify(credentials)),
  );
}

export function openCredentials(
  tenantId: string,
  integrationId: string,
  sealed: string,
): Record<string, string> {
  const text = withKeyring((keyring) => open(keyring, contextOf(tenantId, integrationId), sealed));
  const parsed: unknown = JSON.parse(text);
  if (!parsed || typeof parsed !== "object")
    throw new AppError("INTERNAL", "The integration's stored credentials are not readable.");
  return parsed as Record<string, string>;
}

/** What may be shown of a secret: its last four characters when it is long enough to spare them. */
export function hintOf(value: string): string {
  return value.length >= 12 ? `••••${value.slice(-4)}` : "••••";
}

export function hintsOf(credentials: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(credentials).map(([name, value]) => [name, hintOf(value)]));
}
