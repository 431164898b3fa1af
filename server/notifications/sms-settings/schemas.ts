import { z } from "zod";
import { safeString } from "../../schemas/primitives";
import { PHONE_MAX } from "../schemas";

/** The longest value of each field of the SMS settings (the form states them where the admin types). */
export const smsFieldLimits = {
  accountSid: 34,
  authToken: 128,
  sender: 40,
  baseUrl: 2_000,
  testPhone: PHONE_MAX,
} as const;

/** Typed phone numbers lose their spaces, dashes and brackets: +44 7700 900123 -> +447700900123. */
const compact = (value: string) => value.replace(/[\s().-]/g, "");
const E164 = /^\+[1-9][0-9]{6,14}$/;

const accountSid = safeString()
  .trim()
  .max(smsFieldLimits.accountSid)
  .regex(
    /^AC[0-9a-fA-F]{32}$/,
    "The account SID starts with AC and has 32 more letters and digits (Twilio console → Account Info)",
  );

const authToken = safeString()
  .trim()
  .max(smsFieldLimits.authToken)
  .regex(
    /^[A-Za-z0-9]{16,128}$/,
    "Paste the auth token from the Twilio console (Account Info): 32 letters and digits",
  );

const sender = safeString()
  .trim()
  .max(smsFieldLimits.sender)
  .transform((value) => (value.startsWith("MG") ? value : compact(value)))
  .refine(
    (value) => E164.test(value) || /^MG[0-9a-fA-F]{32}$/.test(value),
    "Use a Twilio number with its country code (+15551234567) or a messaging service SID (MG…)",
  );

const baseUrl = safeString()
  .trim()
  .max(smsFieldLimits.baseUrl)
  .transform((value) => value.replace(/\/+$/, ""))
  .pipe(
    z.union([
      z.literal(""),
      z.url({
        protocol: /^https?$/,
        error: "Enter the API's address, like https://api.twilio.com, or leave it blank",
      }),
    ]),
  )
  .transform((value) => value || null);

/**
 * Saves the tenant's account. `authToken` left out keeps the sealed one (replacing the SID or sender
 * needs no retyping of the secret); the first save must carry one.
 */
export const SaveSmsSettingsInput = z.object({
  accountSid,
  authToken: authToken.optional(),
  sender,
  baseUrl: baseUrl.optional(),
  enabled: z.boolean(),
});
export type SaveSmsSettingsInput = z.input<typeof SaveSmsSettingsInput>;
export type SaveSmsSettings = z.output<typeof SaveSmsSettingsInput>;

export const SetSmsEnabledInput = z.object({ enabled: z.boolean() });

/** The number "Send test message" texts. */
export const SendSmsTestInput = z.object({
  phone: z
    .string()
    .trim()
    .max(smsFieldLimits.testPhone)
    .transform(compact)
    .refine((value) => E164.test(value), "Enter the number with its country code, like +44 7700 900123"),
});

/** What the card shows: the account by its SID and the token's hint, and where texts go now. */
export const SmsSettings = z.object({
  account: z
    .object({
      accountSid: z.string(),
      tokenHint: z.string(),
      sender: z.string(),
      baseUrl: z.string().nullable(),
      enabled: z.boolean(),
      updatedAt: z.date(),
    })
    .nullable(),
  /** Who sends a text right now: the tenant's account, the platform's (TWILIO_*), or nobody (kept in the preview). */
  sendsWith: z.enum(["tenant", "platform", "preview"]),
});
export type SmsSettings = z.infer<typeof SmsSettings>;

export const SmsTestResult = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), detail: z.string() }),
  z.object({ ok: z.literal(false), message: z.string() }),
]);
export type SmsTestResult = z.infer<typeof SmsTestResult>;
