import { env } from "../../env";
import { IntegrationError } from "../../integrations/hris/adapter";
import { retryAfterMs, type SendOutcome } from "../mailer";

/** One text message ready to leave; the delivery keys it in the log. */
export type OutgoingSms = { deliveryId: string; to: string; body: string };

/**
 * Where text messages go: a Twilio-compatible provider, or "preview" (none configured, the
 * embedded default): stored and shown to admins beside the mail preview.
 */
export type SmsTransport =
  | { kind: "provider"; send(sms: OutgoingSms): Promise<SendOutcome> }
  | { kind: "preview" };

/** Twilio's longest message body (it splits it into segments itself). */
export const SMS_MAX_LENGTH = 1600;

/**
 * Twilio error codes that say the number will never take a message from us: not a valid number,
 * a landline, or its owner replied STOP. Marked bounced so nobody retries them.
 */
const UNREACHABLE = new Set([21211, 21214, 21610, 21612, 21614]);

type TwilioError = { code?: number; message?: string; status?: number; more_info?: string };

/** What an admin can do about a Twilio error code, when there is something specific to do. */
const TWILIO_ADVICE: Record<number, string> = {
  20003:
    "Twilio did not accept the account SID and auth token; check both in the Twilio console (Account Info).",
  20404: "Twilio has no such account or address; check the account SID (and the API address, if one is set).",
  21211: "A number needs its country code, like +44 7700 900123.",
  21603: "No sender was given; set a Twilio number or a messaging service SID.",
  21606: "The sender is not a number of this Twilio account able to send texts; choose one of its numbers.",
  21608: "A trial account can text verified numbers only; verify the number or upgrade the account.",
  21610: "The recipient replied STOP; they must text START to this number before texts reach them again.",
  21659: "The sender is not a number of this Twilio account; choose one of its numbers.",
};

/**
 * Sorts Twilio's answer: 429 (code 20429, "Too Many Requests") and 5xx are worth trying again,
 * after Retry-After when given; any other 4xx (bad credentials 20003, a refused number 21211,
 * an unsubscribed one 21610, ...) would fail the same way again.
 */
export function classifyTwilioError(
  status: number,
  body: TwilioError | null,
  retryAfter: string | null,
): SendOutcome {
  const code = body?.code;
  const said = `Twilio ${code ?? "error"} (HTTP ${status}): ${body?.message ?? "no message"}`;
  const advice = code === undefined ? undefined : TWILIO_ADVICE[code];
  const error = advice ? `${said.replace(/\.$/, "")}. ${advice}` : said;
  if (status === 429 || code === 20429 || status >= 500) {
    return { kind: "transient", error, retryAfterMs: retryAfterMs(retryAfter) };
  }
  return { kind: "permanent", error, bounced: code !== undefined && UNREACHABLE.has(code) };
}

/**
 * Text messages through Twilio's Messages API: `POST /2010-04-01/Accounts/{sid}/Messages.json`,
 * form-encoded, Basic auth with the account SID and auth token. `from` is a number (From) or a
 * messaging service SID (MessagingServiceSid).
 */
export function twilioTransport(options: {
  accountSid: string;
  authToken: string;
  from: string;
  baseUrl: string;
  fetch?: typeof fetch;
}): SmsTransport {
  const url = new URL(`/2010-04-01/Accounts/${options.accountSid}/Messages.json`, options.baseUrl);
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString("base64")}`;
  const doFetch = options.fetch ?? fetch;
  return {
    kind: "provider",
    async send(sms) {
      const form = new URLSearchParams({ To: sms.to, Body: sms.body });
      form.set(options.from.startsWith("MG") ? "MessagingServiceSid" : "From", options.from);
      let response: Response;
      try {
        response = await doFetch(url, {
          method: "POST",
          headers: {
            authorization,
            "content-type": "application/x-www-form-urlencoded",
            accept: "application/json",
          },
          body: form,
          signal: AbortSignal.timeout(15_000),
        });
      } catch (error) {
        // the SSRF guard refusing a tenant's address fails the same way every time
        if (error instanceof IntegrationError) {
          return {
            kind: "permanent",
            error: `Not sent: the SMS provider's address was refused. ${error.message}`,
            bounced: false,
          };
        }
        return {
          kind: "transient",
          error: `Twilio did not answer: ${(error as Error).message}`,
          retryAfterMs: null,
        };
      }
      const body = (await response.json().catch(() => null)) as (TwilioError & { sid?: string }) | null;
      if (response.ok && body?.sid) return { kind: "sent", providerMessageId: body.sid };
      return classifyTwilioError(response.status, body, response.headers.get("retry-after"));
    },
  };
}

let configured: SmsTransport | undefined;

/** The deployment's text messages: Twilio when its SID, token and sender are set, else the preview. */
export function smsTransport(): SmsTransport {
  configured ??=
    env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM
      ? twilioTransport({
          accountSid: env.TWILIO_ACCOUNT_SID,
          authToken: env.TWILIO_AUTH_TOKEN,
          from: env.TWILIO_FROM,
          baseUrl: env.TWILIO_BASE_URL,
        })
      : { kind: "preview" };
  return configured;
}

/** The message's text: title, body and the link back, within Twilio's limit. */
export function smsBody(message: { title: string; body: string; link: string }, appUrl: string): string {
  const link = new URL(message.link, appUrl).href;
  const text = `${message.title}. ${message.body}`;
  const room = SMS_MAX_LENGTH - link.length - 2;
  return `${text.length > room ? `${text.slice(0, room - 1)}…` : text} ${link}`;
}
