import { type GetStepTools, RetryAfterError } from "inngest";
import type { InTenant } from "@/server/context";
import type { NotifyResult } from "@/server/notifications/services/notify";
import { sendDelivery, type Transports } from "@/server/notifications/services/send-delivery";
import { failUnsentDeliveries } from "@/server/notifications/services/send-email";
import type { SentChannel } from "@/server/notifications/types";
import type { inngest } from "../../client";

type Step = GetStepTools<typeof inngest>;

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
) {
  return step.run(`send-${delivery.channel}-${delivery.deliveryId}`, async () => {
    const { result, outcome } = await sendDelivery(
      inTenant,
      transports,
      delivery.deliveryId,
      delivery.channel,
    );
    if (outcome?.kind !== "transient") return result;
    if (outcome.retryAfterMs !== null) throw new RetryAfterError(outcome.error, outcome.retryAfterMs);
    throw new Error(outcome.error);
  });
}

/**
 * Sends what notify() queued: email, text messages, push and team chat, each deferred one sleeping
 * until the recipient's quiet hours end first. A chat delivery is shared by every recipient of the
 * event (notify() returns it for each), so it is sent once.
 */
export async function sendPendingDeliveries(
  step: Step,
  inTenant: InTenant,
  transports: Transports,
  results: NotifyResult[],
): Promise<void> {
  const seen = new Set<string>();
  for (const pending of results.flatMap((result) => result.deliveries)) {
    if (seen.has(pending.deliveryId)) continue;
    seen.add(pending.deliveryId);
    if (pending.sendAt) await step.sleepUntil(`quiet-hours-${pending.deliveryId}`, pending.sendAt);
    await sendDeliveryStep(step, inTenant, transports, pending);
  }
}

/** A notification function's failure handler: its unsent deliveries are failed, not left queued. */
export const failUnsent =
  (reason: string) =>
  ({ event, error, inTenant }: { event: { id: string }; error: Error; inTenant: InTenant }) =>
    inTenant((scope) => failUnsentDeliveries(scope, event.id, `${reason}: ${error.message}`));
