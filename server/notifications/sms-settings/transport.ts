import { env } from "../../env";
import { guardedFetch } from "../../integrations/guarded-fetch";
import { type SmsTransport, twilioTransport } from "../channels/sms";
import type { TenantSmsAccount } from "./queries";

/** Twilio's own API, for a tenant account saved without an address of its own. */
export const TWILIO_API_URL = "https://api.twilio.com";

/**
 * A tenant's own Twilio account. Its address may be typed by the admin (a Twilio-compatible
 * provider), so every request goes through the integrations' SSRF guard (no private hosts unless
 * INTEGRATIONS_ALLOW_PRIVATE_HOSTS); tests pass a fetch of their own.
 */
export function tenantSmsTransport(
  account: TenantSmsAccount,
  fetch: typeof globalThis.fetch = guardedFetch({ allowPrivateHosts: env.INTEGRATIONS_ALLOW_PRIVATE_HOSTS }),
): SmsTransport {
  return twilioTransport({
    accountSid: account.accountSid,
    authToken: account.authToken,
    from: account.sender,
    baseUrl: account.baseUrl ?? TWILIO_API_URL,
    fetch,
  });
}
