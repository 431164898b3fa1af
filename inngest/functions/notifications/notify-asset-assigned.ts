import { logger } from "@/server/logger";
import type { NotifyResult } from "@/server/notifications/services/notify";
import { notifyAssetAssigned } from "@/server/notifications/services/notify-asset-assigned";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { inngest } from "../../client";
import { createTenantFunction, tenantBatchFunction } from "../tenant-function";
import { sendPendingDeliveries } from "./send-pending-deliveries";

const RETRIES = 4;

/**
 * asset.assigned -> the employee hears of it in the bell and by email. The transports are
 * a parameter so tests point them at the local fakes.
 *
 * Assignments come in bursts (a hardware refresh, a bulk assignment), so they are handled in
 * batches of a tenant's events: one step rings each bell in its own transaction, caused by its
 * own assignment (each bell shows as it commits), then the batch's emails leave in one call of
 * Resend's batch endpoint. One assignment's failure does not hold back the others: every one is
 * tried, then the step fails and its retry skips the bells already rung (a delivery is unique per
 * event, recipient and channel). A batch's failure handler would see only its first event, so
 * the last attempt gives up in the steps themselves: the bells it could ring are kept and their
 * emails sent, and an email still failing is failed with the provider's error.
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
      const results = await step.run("notify", async () => {
        const notified: NotifyResult[] = [];
        const failures: { eventId: string; error: unknown }[] = [];
        for (const event of events) {
          try {
            notified.push(
              ...(await inTenant(event)((scope) => notifyAssetAssigned(scope, event.entity.id, event.data))),
            );
          } catch (error) {
            failures.push({ eventId: event.id, error });
          }
        }
        if (failures[0] && attempt < RETRIES) throw failures[0].error;
        for (const failure of failures) logger.error("asset assigned: gave up notifying", failure);
        return notified;
      });
      const [first] = events;
      if (first) await sendPendingDeliveries(step, inTenant(first), transports, results, attempts);
      return { notified: results.length };
    },
  );

export const notifyAssetAssignedFn = createTenantFunction(
  inngest,
  notifyAssetAssignedFunction(deploymentTransports),
);
