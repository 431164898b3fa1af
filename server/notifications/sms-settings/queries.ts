import type { Trx } from "../../db";
import { smsTransport } from "../channels/sms";
import type { SmsSettings } from "./schemas";
import { openSmsToken } from "./secrets";

/** A tenant's Twilio account, its token opened: only the SMS transport ever sees it. */
export type TenantSmsAccount = {
  accountSid: string;
  authToken: string;
  sender: string;
  baseUrl: string | null;
};

/** The tenant's row, locked for a change when `lock`. */
export async function smsSettingsRow(trx: Trx, tenantId: string, lock = false) {
  let query = trx.selectFrom("sms_settings").selectAll().where("tenant_id", "=", tenantId);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** What the card shows: the account (the token by its hint) and who sends a text right now. */
export async function smsSettingsOf(trx: Trx, tenantId: string): Promise<SmsSettings> {
  const row = await smsSettingsRow(trx, tenantId);
  return {
    account: row
      ? {
          accountSid: row.account_sid,
          tokenHint: row.auth_token_hint,
          sender: row.sender,
          baseUrl: row.base_url,
          enabled: row.enabled,
          updatedAt: row.updated_at,
        }
      : null,
    sendsWith: row?.enabled ? "tenant" : smsTransport().kind === "provider" ? "platform" : "preview",
  };
}

/**
 * The account a text of this tenant goes out with: the tenant's own when saved and turned on
 * (or, for "Send test message", saved at all), else null (the platform's TWILIO_* account or the
 * preview then).
 */
export async function tenantSmsAccountOf(
  trx: Trx,
  tenantId: string,
  options: { includeDisabled?: boolean } = {},
): Promise<TenantSmsAccount | null> {
  const row = await smsSettingsRow(trx, tenantId);
  if (!row || (!row.enabled && !options.includeDisabled)) return null;
  return {
    accountSid: row.account_sid,
    authToken: openSmsToken(tenantId, row.auth_token_sealed),
    sender: row.sender,
    baseUrl: row.base_url,
  };
}
