import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db";
import { notify } from "@/server/notifications/services/notify";
import { prepareEmail } from "@/server/notifications/services/send-email";
import { asSystem } from "./tenants";

/** A cause as a notification function has one: the event being handled (made up here). */
export const testCause = () => {
  const eventId = randomUUID();
  return { eventId, correlationId: eventId, functionId: "test-notify", runId: randomUUID() };
};

/**
 * A notification to `userId` through the real notify service, its email stored in the Mail
 * preview (no provider): the rows the bell and the admins' preview read.
 */
export async function seedNotification(db: Db, tenantId: string, userId: string, requesterEmail: string) {
  return asSystem(
    db,
    tenantId,
    async (scope) => {
      const result = await notify(scope, userId, {
        type: "password_reset_requested",
        title: `${requesterEmail} asks for a password reset`,
        body: "They cannot sign in until an admin creates a reset link.",
        link: "/settings/users",
        email: { requesterEmail },
      });
      for (const email of result.deliveries.filter((d) => d.channel === "email")) {
        await prepareEmail(scope, email.deliveryId, {
          kind: "preview",
          from: "Assetronics <it@example.test>",
        });
      }
      const preview = await scope.db
        .selectFrom("mail_previews")
        .select("id")
        .where("tenant_id", "=", tenantId)
        .orderBy("created_at", "desc")
        .executeTakeFirstOrThrow();
      const delivery = result.deliveries.find((d) => d.channel === "email");
      return {
        notificationId: result.notificationId ?? "",
        mailPreviewId: preview.id,
        deliveryId: delivery?.deliveryId ?? "",
      };
    },
    { cause: testCause() },
  );
}
