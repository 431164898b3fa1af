import type { EventData } from "@/inngest/events";
import type { TenantScope } from "../../../context";
import { type NotifyResult, notify } from "../../../notifications/services/notify";

const dayFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/**
 * asset.receipt_reminded -> the holder's account: accept or decline the asset in the portal. Sent
 * only while the receipt is still unanswered and the asset still theirs (an answer between the
 * reminder and this function makes it moot).
 */
export async function notifyReceiptReminder(
  scope: TenantScope,
  assetId: string,
  data: EventData<"asset.receipt_reminded">,
): Promise<NotifyResult[]> {
  const row = await scope.db
    .selectFrom("assets as a")
    .innerJoin("employees as e", "e.id", "a.employee_id")
    .innerJoin("users as u", "u.id", "e.user_id")
    .innerJoin("asset_transactions as t", (join) =>
      join.onRef("t.tenant_id", "=", "a.tenant_id").on("t.id", "=", data.assignmentId),
    )
    .leftJoin("asset_receipts as r", (join) =>
      join.onRef("r.tenant_id", "=", "a.tenant_id").on("r.assignment_id", "=", data.assignmentId),
    )
    .select(["a.name as assetName", "u.id as userId", "t.occurred_at as assignedAt", "r.id as answered"])
    .where("a.tenant_id", "=", scope.tenantId)
    .where("a.id", "=", assetId)
    .where("e.id", "=", data.employeeId)
    .executeTakeFirst();
  if (!row || row.answered) return [];
  const assignedOn = dayFormat.format(new Date(row.assignedAt));
  const result = await notify(scope, row.userId, {
    type: "receipt_reminder",
    title: `Please confirm you received ${data.tag}`,
    body: `${row.assetName} (${data.tag}) was handed to you on ${assignedOn}. Accept it under the equipment terms, or decline it and say why.`,
    link: "/portal",
    email: { assetTag: data.tag, assetName: row.assetName, assignedOn },
  });
  return [result];
}
