import { createHash } from "node:crypto";
import { Resend } from "resend";
import { env } from "../env";

/** One email ready to leave: the delivery it belongs to keys it, so a repeated send is one email. */
export type OutgoingEmail = {
  deliveryId: string;
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
};

/**
 * What the provider answered. Transient failures (rate limited, the provider down, no answer) are
 * worth trying again, after `retryAfterMs` when the provider said how long; permanent ones (a
 * refused address, a malformed message, a suppressed recipient) would fail the same way again.
 */
export type SendOutcome =
  | { kind: "sent"; providerMessageId: string }
  | { kind: "transient"; error: string; retryAfterMs: number | null }
  | { kind: "permanent"; error: string; bounced: boolean };

/**
 * Where email goes: a provider that sends it, or "preview" (no provider configured, the embedded
 * default): stored for the admins' Mail preview instead.
 */
export type MailTransport =
  | {
      kind: "provider";
      from: string;
      send(email: OutgoingEmail): Promise<SendOutcome>;
      /** Several emails in as few calls as the provider allows; one outcome per email, in order. */
      sendBatch(emails: readonly OutgoingEmail[]): Promise<SendOutcome[]>;
    }
  | { kind: "preview"; from: string };

/** Resend's limit of emails in one call of its batch endpoint. */
export const RESEND_BATCH_LIMIT = 100;

type ResendError = { statusCode?: number | null; name?: string; message?: string };

/** Resend's error names for a recipient it will not send to (suppressed, bounced before). */
const BOUNCED = new Set(["invalid_to_address", "suppressed_recipient"]);

/** Seconds (or an HTTP date) from Retry-After, as milliseconds; null when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Sorts a Resend error: 429, 5xx and no answer at all are transient; any other 4xx is permanent. */
export function classifyResendError(error: ResendError, headers: Record<string, string> | null): SendOutcome {
  const status = error.statusCode ?? null;
  const message = `${error.name ?? "error"}${status ? ` (HTTP ${status})` : ""}: ${error.message ?? "no message"}`;
  if (status === null || status === 429 || status >= 500) {
    return { kind: "transient", error: message, retryAfterMs: retryAfterMs(headers?.["retry-after"]) };
  }
  return { kind: "permanent", error: message, bounced: BOUNCED.has(error.name ?? "") };
}

/**
 * Email through Resend's API with the official SDK. The client is created on first use, with the
 * delivery id as Resend's idempotency key: a send repeated after a lost answer is one email.
 */
export function resendTransport(options: { apiKey: string; baseUrl?: string; from: string }): MailTransport {
  let client: Resend | undefined;
  return {
    kind: "provider",
    from: options.from,
    async send(email) {
      client ??= new Resend(options.apiKey, { baseUrl: options.baseUrl });
      const { data, error, headers } = await client.emails.send(
        { from: email.from, to: email.to, subject: email.subject, html: email.html, text: email.text },
        { idempotencyKey: `delivery/${email.deliveryId}` },
      );
      if (error) return classifyResendError(error as ResendError, headers);
      return { kind: "sent", providerMessageId: data.id };
    },
    async sendBatch(emails) {
      client ??= new Resend(options.apiKey, { baseUrl: options.baseUrl });
      const outcomes: SendOutcome[] = [];
      for (let start = 0; start < emails.length; start += RESEND_BATCH_LIMIT) {
        outcomes.push(...(await sendResendBatch(client, emails.slice(start, start + RESEND_BATCH_LIMIT))));
      }
      return outcomes;
    },
  };
}

/**
 * One call of Resend's batch endpoint in permissive validation: an email Resend refuses (a
 * malformed address) fails alone, by its index, while the others are accepted and get their ids
 * in order. A failure of the whole call (rate limit, outage, bad key) is every email's outcome.
 * The idempotency key names the deliveries, so a call repeated after a lost answer sends nothing
 * twice; a retry after some were accepted names only the rest, a new set with its own key.
 */
async function sendResendBatch(client: Resend, emails: readonly OutgoingEmail[]): Promise<SendOutcome[]> {
  const ids = emails.map((email) => email.deliveryId).sort();
  const key = `deliveries/${createHash("sha256").update(ids.join(",")).digest("hex")}`;
  const { data, error, headers } = await client.batch.send(
    emails.map((email) => ({
      from: email.from,
      to: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
    })),
    { idempotencyKey: key, batchValidation: "permissive" },
  );
  if (error) {
    const outcome = classifyResendError(error as ResendError, headers);
    return emails.map(() => outcome);
  }
  const refused = new Map((data.errors ?? []).map((refusal) => [refusal.index, refusal.message]));
  const accepted = data.data.values();
  return emails.map((_, index): SendOutcome => {
    const refusal = refused.get(index);
    if (refusal !== undefined)
      return { kind: "permanent", error: `validation_error (HTTP 422): ${refusal}`, bounced: false };
    const id = accepted.next().value?.id;
    return id
      ? { kind: "sent", providerMessageId: id }
      : { kind: "transient", error: "Resend answered without this email's id", retryAfterMs: null };
  });
}

let configured: MailTransport | undefined;

/** The deployment's transport: Resend when RESEND_API_KEY is set, else the Mail preview. */
export function mailTransport(): MailTransport {
  configured ??= env.RESEND_API_KEY
    ? resendTransport({ apiKey: env.RESEND_API_KEY, baseUrl: env.RESEND_BASE_URL, from: env.MAIL_FROM })
    : { kind: "preview", from: env.MAIL_FROM };
  return configured;
}
