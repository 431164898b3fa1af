import type { EventData } from "@/inngest/events";
import type { TenantScope } from "../../../context";
import { type NotifyResult, notify } from "../../../notifications/services/notify";
import { requesterAccount } from "../queries";

/**
 * equipment_request.approved / .declined -> the employee who asked, on their account (if they
 * have one): the bell and, by default, an email, with the reason or the approver's comment.
 */
export async function notifyRequestDecided(
  scope: TenantScope,
  decision: "approved" | "declined",
  data: EventData<"equipment_request.approved"> | EventData<"equipment_request.declined">,
): Promise<NotifyResult[]> {
  const account = await requesterAccount(scope.db, scope.tenantId, data.employeeId);
  if (!account) return [];
  const reason = "reason" in data ? data.reason : data.comment;
  const said = reason ? ` ${decision === "approved" ? "Comment" : "Reason"}: ${reason}` : "";
  const result = await notify(scope, account.userId, {
    type: "equipment_request_decided",
    title: `Your request for ${data.item} was ${decision}`,
    body:
      decision === "approved"
        ? `IT staff approved your request for ${data.item} and are ordering it.${said}`
        : `IT staff declined your request for ${data.item}.${said}`,
    link: "/portal/requests",
    email: { item: data.item, decision, reason },
  });
  return [result];
}
