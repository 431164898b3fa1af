import type { InTenant } from "@/server/context";
import type { EventEnvelope } from "@/server/events/envelope";
import { logger } from "@/server/logger";
import { notifyAssetAssigned } from "@/server/notifications/services/notify-asset-assigned";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { inngest } from "../../client";
import { createTenantFunction, eachEvent, tenantBatchFunction } from "../tenant-function";
import { sendPendingDeliveries } from "./send-pending-deliveries";

const RETRIES = 4;

/** The bells of `events`, each rung in its own transaction; the events that failed are named, not thrown. */
async function ringEach(
  events: readonly EventEnvelope<"asset.assigned">[],
  inTenant: (event: EventEnvelope<"asset.assigned">) => InTenant,
) {
  const { results, failed } = await eachEvent(events, inTenant, (scope, event) =>
    notifyAssetAssigned(scope, event.entity.id, event.data),
  );
  return { results: results.flatMap(({ result }) => result), failed };
}

/**
 * asset.assigned -> the employee hears of it in the bell and by email. The transports are
 * a parameter so tests point them at the local fakes.
 *
 * Assignments come in bursts (a hardware refresh, a bulk assignment), so they are handled in
 * batches of a tenant's events: one step rings each bell in its own transaction, caused by its
 * own assignment (each bell shows as it commits), then the batch's emails leave in one call of
 * Resend's batch endpoint. An assignment whose bell failed does not hold back the others: it is
 * tried again in a step of its own after theirs are sent, retried with backoff, and given up
 * (logged) on the last attempt. A batch's failure handler would see only its first event, so the
 * steps give up themselves: an email still failing on the last attempt is failed with the
 * provider's error.
 */
export const notifyAssetAssignedFunction = (transports: Transports) =>
  tenantBatchFunction(
    {
      id: "notify-asset-assigned",
      name: "Notify: asset assigned",
      event: "asset.assigned",
      batch: { maxSize: 10, timeout: "1s" },
      retries: RETRIES,
    },
    async ({ events, step, attempt, inTenant }) => {
      const attempts = { attempt, retries: RETRIES };
      const [first] = events;
      if (!first) return { notified: 0 };
      const rung = await step.run("notify", async () => {
        const { results, failed } = await ringEach(events, inTenant);
        for (const { event, error } of failed)
          logger.warn("asset assigned: a bell failed, trying it again", { eventId: event.id, error });
        return { results, failed: failed.map(({ event }) => event.id) };
      });
      await sendPendingDeliveries(step, inTenant(first), transports, rung.results, attempts);
      if (rung.failed.length === 0) return { notified: rung.results.length };

      const again = await step.run("notify-failed", async () => {
        const { results, failed } = await ringEach(
          events.filter((event) => rung.failed.includes(event.id)),
          inTenant,
        );
        if (failed[0] && attempt < RETRIES) throw failed[0].error;
        for (const { event, error } of failed)
          logger.error("asset assigned: gave up notifying", { eventId: event.id, error });
        return results;
      });
      await sendPendingDeliveries(step, inTenant(first), transports, again, attempts);
      return { notified: rung.results.length + again.length };
    },
  );

export const notifyAssetAssignedFn = createTenantFunction(
  inngest,
  notifyAssetAssignedFunction(deploymentTransports),
);
