import { notifyNewHireSynced } from "@/server/notifications/services/notify-new-hire-synced";
import { deploymentTransports, type Transports } from "@/server/notifications/services/send-delivery";
import { inngest } from "../../client";
import { createTenantFunction, tenantFunction } from "../tenant-function";
import { failUnsent, sendPendingDeliveries } from "./send-pending-deliveries";

/**
 * employee.created -> when an HR integration's sync created a recent or coming hire, IT staff and
 * admins hear of it to prepare their equipment. Other creations (by hand, an import of thousands)
 * start no run at all.
 */
export const notifyNewHireSyncedFunction = (transports: Transports) =>
  tenantFunction(
    {
      id: "notify-new-hire-synced",
      name: "Notify: new hire synced",
      event: "employee.created",
      when: "event.data.actor.type == 'integration'",
      retries: 4,
      onFailure: failUnsent("Gave up after retries"),
    },
    async ({ event, step, inTenant }) => {
      const results = await step.run("notify", () =>
        inTenant((scope) => notifyNewHireSynced(scope, event.entity.id)),
      );
      await sendPendingDeliveries(step, inTenant, transports, results);
      return { notified: results.length };
    },
  );

export const notifyNewHireSyncedFn = createTenantFunction(
  inngest,
  notifyNewHireSyncedFunction(deploymentTransports),
);
