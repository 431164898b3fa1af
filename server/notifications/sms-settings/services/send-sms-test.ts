import type { InTenant } from "../../../context";
import { AppError } from "../../../errors";
import type { SmsTransport } from "../../channels/sms";
import { type TenantSmsAccount, tenantSmsAccountOf } from "../queries";
import type { SmsTestResult } from "../schemas";

export const SMS_TEST_BODY =
  "Test message from Assetronics: notifications sent by text will come from this account.";

/**
 * "Send test message": texts one number through the tenant's saved account, on or off, and says
 * what Twilio answered (a bad SID or token is 20003, a bad number 21211, each with what to do).
 * The account is read in a short transaction and Twilio called after it, so a slow provider never
 * holds a database connection. A refusal is an answer for the card, not an error.
 */
export async function sendSmsTest(
  inTenant: InTenant,
  transportFor: (account: TenantSmsAccount) => SmsTransport,
  to: string,
): Promise<SmsTestResult> {
  const account = await inTenant((scope) =>
    tenantSmsAccountOf(scope.db, scope.tenantId, { includeDisabled: true }),
  );
  if (!account) throw new AppError("NOT_FOUND", "Save the account before sending a test message.");
  const transport = transportFor(account);
  if (transport.kind !== "provider") return { ok: false, message: "No SMS provider is configured." };
  const outcome = await transport.send({ deliveryId: "test", to, body: SMS_TEST_BODY });
  if (outcome.kind === "sent") {
    return { ok: true, detail: `Twilio accepted the test message to ${to} (${outcome.providerMessageId}).` };
  }
  if (outcome.kind === "transient") {
    return {
      ok: false,
      message: `Twilio could not take it right now; try again in a minute. ${outcome.error}`,
    };
  }
  return { ok: false, message: outcome.error };
}
