import type { EventData } from "@/inngest/events";
import type { TenantScope } from "../../context";
import type { NotifyResult } from "./notify";
import { notifyAdmins } from "./notify-admins";

/**
 * user.password_reset_requested -> every active admin of the tenant: the member was emailed a link
 * (send-password-reset-link), and an admin can hand them one if the email does not reach them.
 */
export function notifyPasswordResetRequested(
  scope: TenantScope,
  data: EventData<"user.password_reset_requested">,
): Promise<NotifyResult[]> {
  return notifyAdmins(scope, {
    type: "password_reset_requested",
    title: `${data.email} asks for a password reset`,
    body: "A reset link was emailed to them. If they cannot receive it, create one in Settings -> Users.",
    link: "/settings/users",
    email: { requesterEmail: data.email },
  });
}
