import type { TenantScope } from "../../../context";
import { AppError } from "../../../errors";
import { emit } from "../../../events/emit";
import { urlProblem } from "../../../integrations/guarded-fetch";
import { smsSettingsOf, smsSettingsRow } from "../queries";
import type { SaveSmsSettings } from "../schemas";
import { sealSmsToken, smsTokenHint } from "../secrets";

type Changes = Record<string, { before: unknown; after: unknown }>;

/**
 * An admin sets or replaces the tenant's Twilio account. The auth token is sealed and only its hint
 * kept; a blank token keeps the sealed one, which the first save must not. A typed API address is
 * checked like a chat webhook or an integration's base URL (https to a public host unless private
 * hosts are allowed), on the form rather than at the first text. The event lists what changed,
 * the token only as set / replaced / kept.
 */
export async function saveSmsSettings(
  scope: TenantScope,
  options: { allowPrivateHosts: boolean },
  input: SaveSmsSettings,
) {
  const baseUrl = input.baseUrl ?? null;
  if (baseUrl) {
    const problem = urlProblem(new URL(baseUrl), options.allowPrivateHosts);
    if (problem) throw new AppError("BAD_REQUEST", problem, { field: "baseUrl" });
  }
  const current = await smsSettingsRow(scope.db, scope.tenantId, true);
  const token = input.authToken || null;
  const sealed = token
    ? { auth_token_sealed: sealSmsToken(scope.tenantId, token), auth_token_hint: smsTokenHint(token) }
    : null;
  if (!current && !sealed) {
    throw new AppError("BAD_REQUEST", "Paste the auth token: this account has none saved yet.", {
      field: "authToken",
    });
  }
  // a token belongs to its account: another account SID with the old token could only fail (20003)
  if (current && current.account_sid !== input.accountSid && !sealed) {
    throw new AppError(
      "BAD_REQUEST",
      "Paste the auth token of the new account: the saved one is another account's.",
      {
        field: "authToken",
      },
    );
  }

  const changes: Changes = {};
  const compare = (field: string, before: unknown, after: unknown) => {
    if (before !== after) changes[field] = { before, after };
  };
  compare("accountSid", current?.account_sid ?? null, input.accountSid);
  compare("sender", current?.sender ?? null, input.sender);
  compare("baseUrl", current?.base_url ?? null, baseUrl);
  compare("enabled", current?.enabled ?? null, input.enabled);
  const tokenChange = !current ? "set" : sealed ? "replaced" : "kept";
  if (Object.keys(changes).length === 0 && tokenChange === "kept")
    return smsSettingsOf(scope.db, scope.tenantId);

  const values = {
    account_sid: input.accountSid,
    sender: input.sender,
    base_url: baseUrl,
    enabled: input.enabled,
  };
  if (current) {
    await scope.db
      .updateTable("sms_settings")
      .set({ ...values, ...sealed, updated_at: new Date() })
      .where("tenant_id", "=", scope.tenantId)
      .execute();
  } else if (sealed) {
    await scope.db
      .insertInto("sms_settings")
      .values({ ...values, ...sealed, tenant_id: scope.tenantId })
      .execute();
  }
  await emit(scope, {
    name: "notification.sms_settings_saved",
    entityId: scope.tenantId,
    data: { accountSid: input.accountSid, changes, token: tokenChange },
  });
  return smsSettingsOf(scope.db, scope.tenantId);
}
