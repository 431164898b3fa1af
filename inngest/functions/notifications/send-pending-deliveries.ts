import { type GetStepTools, RetryAfterError } from "inngest";
import type { InTenant } from "@/server/context";
import type { NotifyResult, PendingDelivery } from "@/server/notifications/services/notify";
import { failDelivery } from "@/server/notifications/services/retry-delivery";
import { sendDelivery, sendEmails, type Transports } from "@/server/notifications/services/send-delivery";
import { failUnsentDeliveries } from "@/server/notifications/services/send-email";
import type { SentChannel } from "@/server/notifications/types";
import type { inngest } from "../../client";

type Step = GetStepTools<typeof inngest>;

/**
 * Where a step stands in its retries, for functions that give up in the step itself (a batch's
 * failure handler would see only its first event): on the last attempt a delivery still failing
 * transiently is failed with the provider's error instead of failing the run.
 */
export type Attempts = { attempt: number; retries: number };

const isLastAttempt = (attempts: Attempts | undefined) =>
  attempts !== undefined && attempts.attempt >= attempts.retries;

/** Fails the step on a transient outcome so the engine retries it, after Retry-After when given. */
function retryLater(error: string, retryAfterMs: number | null): never {
  if (retryAfterMs !== null) throw new RetryAfterError(error, retryAfterMs);
  throw new Error(error);
}

/**
 * Sends one delivery as one step, so a retry resends only what has not gone. A transient failure
 * (429, 5xx, no answer) fails the step so the engine retries it with backoff, after Retry-After
 * when the provider gave one; a permanent one is recorded and not retried.
 */
export function sendDeliveryStep(
  step: Step,
  inTenant: InTenant,
  transports: Transports,
  delivery: { deliveryId: string; channel: SentChannel },
  attempts?: Attempts,
) {
  return step.run(`send-${delivery.channel}-${delivery.deliveryId}`, async () => {
    const { result, outcome } = await sendDelivery(
      inTenant,
      transports,
      delivery.deliveryId,
      delivery.channel,
    );
    if (outcome?.kind !== "transient") return result;
    if (isLastAttempt(attempts)) {
      await inTenant((scope) =>
        failDelivery(scope, delivery.deliveryId, `Gave up after retries: ${outcome.error}`),
      );
      return "failed" as const;
    }
    return retryLater(outcome.error, outcome.retryAfterMs);
  });
}

/**
 * Sends several emails as one step with one provider call (Resend's batch endpoint): a retry
 * sends only those still unsent, the accepted and the refused ones being recorded already.
 */
export function sendEmailsStep(
  step: Step,
  inTenant: InTenant,
  transports: Transports,
  deliveryIds: readonly string[],
  attempts?: Attempts,
) {
  return step.run(`send-emails-${deliveryIds[0]}`, async () => {
    const answers = await sendEmails(inTenant, transports, deliveryIds);
    const unsent = answers.flatMap(({ deliveryId, outcome }) =>
      outcome.kind === "transient" ? [{ deliveryId, outcome }] : [],
    );
    const sent = answers.filter(({ outcome }) => outcome.kind === "sent").length;
    const first = unsent[0]?.outcome;
    if (!first) return { sent, failed: answers.length - sent };
    if (isLastAttempt(attempts)) {
      const ids = unsent.map((answer) => answer.deliveryId);
      await inTenant((scope) => failDelivery(scope, ids, `Gave up after retries: ${first.error}`));
      return { sent, failed: answers.length - sent };
    }
    const waits = unsent.map(({ outcome }) => outcome.retryAfterMs ?? 0);
    return retryLater(
      `${unsent.length} of ${answers.length} emails: ${first.error}`,
      Math.max(...waits) || null,
    );
  });
}

/**
 * Sends what notify() queued: email, text messages, push and team chat, each deferred one sleeping
 * until the recipient's quiet hours end first, earliest first. Emails due now go together in one
 * step when there are several. A chat delivery is shared by every recipient of the event (notify() returns it for
 * each), so it is sent once.
 */
export async function sendPendingDeliveries(
  step: Step,
  inTenant: InTenant,
  transports: Transports,
  results: NotifyResult[],
  attempts?: Attempts,
): Promise<void> {
  const seen = new Set<string>();
  const pending = results
    .flatMap((result) => result.deliveries)
    .filter((delivery) => !seen.has(delivery.deliveryId) && seen.add(delivery.deliveryId));
  const emailsNow = pending.filter((delivery) => delivery.channel === "email" && !delivery.sendAt);
  const together = emailsNow.length > 1 ? new Set(emailsNow) : new Set<PendingDelivery>();
  if (together.size > 0) {
    await sendEmailsStep(
      step,
      inTenant,
      transports,
      [...together].map((d) => d.deliveryId),
      attempts,
    );
  }
  // Deferred ones in the order they fall due (ISO times), so one recipient's long quiet hours do
  // not hold back another's shorter ones in the same run.
  const byDueTime = [...pending].sort((a, b) => (a.sendAt ?? "").localeCompare(b.sendAt ?? ""));
  for (const delivery of byDueTime) {
    if (together.has(delivery)) continue;
    if (delivery.sendAt) await step.sleepUntil(`quiet-hours-${delivery.deliveryId}`, delivery.sendAt);
    await sendDeliveryStep(step, inTenant, transports, delivery, attempts);
  }
}

/** A notification function's failure handler: its unsent deliveries are failed, not left queued. */
export const failUnsent =
  (reason: string) =>
  ({ event, error, inTenant }: { event: { id: string }; error: Error; inTenant: InTenant }) =>
    inTenant((scope) => failUnsentDeliveries(scope, event.id, `${reason}: ${error.message}`));
