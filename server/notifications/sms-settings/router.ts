import { env } from "../../env";
import { tenantProcedureWithoutTransaction } from "../../integrations/procedures";
import { can } from "../../roles";
import { router, tenantProcedure } from "../../trpc";
import { smsSettingsOf } from "./queries";
import {
  SaveSmsSettingsInput,
  SendSmsTestInput,
  SetSmsEnabledInput,
  SmsSettings,
  SmsTestResult,
} from "./schemas";
import { removeSmsSettings } from "./services/remove-sms-settings";
import { saveSmsSettings } from "./services/save-sms-settings";
import { sendSmsTest } from "./services/send-sms-test";
import { setSmsEnabled } from "./services/set-sms-enabled";
import { tenantSmsTransport } from "./transport";

const admin = tenantProcedure(can.manageTenant);

/** The tenant's own Twilio account for text messages, admins only; the token never leaves the server. */
export const smsSettingsRouter = router({
  settings: admin.output(SmsSettings).query(({ ctx }) => smsSettingsOf(ctx.db, ctx.tenantId)),
  save: admin
    .input(SaveSmsSettingsInput)
    .output(SmsSettings)
    .mutation(({ ctx, input }) =>
      saveSmsSettings(ctx, { allowPrivateHosts: env.INTEGRATIONS_ALLOW_PRIVATE_HOSTS }, input),
    ),
  setEnabled: admin
    .input(SetSmsEnabledInput)
    .output(SmsSettings)
    .mutation(({ ctx, input }) => setSmsEnabled(ctx, input.enabled)),
  remove: admin.output(SmsSettings).mutation(({ ctx }) => removeSmsSettings(ctx)),
  /** Texts through Twilio, so it holds no transaction while waiting for it. */
  sendTest: tenantProcedureWithoutTransaction(can.manageTenant)
    .input(SendSmsTestInput)
    .output(SmsTestResult)
    .mutation(({ ctx, input }) =>
      sendSmsTest(ctx.inTenant, (account) => tenantSmsTransport(account), input.phone),
    ),
});
