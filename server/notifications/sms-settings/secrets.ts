import { open, seal } from "../../employees/encryption";
import { withKeyring } from "../../employees/process-keyring";
import { hintOf } from "../../integrations/credentials";

/**
 * A tenant's Twilio auth token at rest: sealed like chat destination secrets and integration
 * credentials (AES-256-GCM under the data keyring, key id in the envelope), bound to the tenant, so
 * a sealed token copied into another tenant's row does not open. Only its hint is shown again.
 */
const contextOf = (tenantId: string) => `sms-settings:${tenantId}:auth-token`;

export const sealSmsToken = (tenantId: string, token: string) =>
  withKeyring((keyring) => seal(keyring, contextOf(tenantId), token));

export const openSmsToken = (tenantId: string, sealed: string) =>
  withKeyring((keyring) => open(keyring, contextOf(tenantId), sealed));

export const smsTokenHint = hintOf;
