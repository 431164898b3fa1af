import type { EventData } from "@/inngest/events";
import type { TenantScope } from "../../context";
import { type NotifyResult, notify } from "./notify";

/**
 * user.password_reset_requested -> every active admin of the tenant: the member was emailed a link
 * (send-password-reset-link), and an admin can hand them one if the email does not reach them.
 */
export async function notifyPasswordResetRequested(
  scope: TenantScope,
  data: EventData<"user.password_reset_requested">,
): Promise<NotifyResult[]> {
  const admins = await scope.db
    .selectFrom("users")
    .select("id")
    .where("tenant_id", "=", scope.tenantId)
    .where("role", "=", "admin")
    .where("status", "=", "active")
    .orderBy("id")
    .execute();
  const results: NotifyResult[] = [];
  for (const admin of admins) {
    results.push(
      await notify(scope, admin.id, {
        type: "password_reset_requested",
        title: `${data.email} asks for a password reset`,
        body: "A reset link was emailed to them. If they cannot receive it, create one in Settings -> Users.",
        link: "/settings/users",
        email: { requesterEmail: data.email },
      }),
    );
  }
  return results;
}
