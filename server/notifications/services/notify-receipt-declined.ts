import type { EventData } from "@/inngest/events";
import type { TenantScope } from "../../context";
import { type NotifyResult, notify } from "./notify";

/** asset.receipt_declined -> the tenant's IT staff and admins, who follow up with the employee. */
export async function notifyReceiptDeclined(
  scope: TenantScope,
  assetId: string,
  data: EventData<"asset.receipt_declined">,
): Promise<NotifyResult[]> {
  const employee = await scope.db
    .selectFrom("employees")
    .select(["first_name", "last_name", "display_name"])
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", data.employeeId)
    .executeTakeFirst();
  const employeeName = employee
    ? (employee.display_name ?? `${employee.first_name} ${employee.last_name}`)
    : "An employee";
  const staff = await scope.db
    .selectFrom("users")
    .select("id")
    .where("tenant_id", "=", scope.tenantId)
    .where("role", "in", ["admin", "it_staff"])
    .where("status", "=", "active")
    .execute();
  const results: NotifyResult[] = [];
  for (const user of staff) {
    results.push(
      await notify(scope, user.id, {
        type: "receipt_declined",
        title: `${employeeName} declined ${data.tag}`,
        body: `Reason: ${data.reason}`,
        link: `/assets/${assetId}`,
        email: { assetTag: data.tag, employeeName, reason: data.reason },
      }),
    );
  }
  return results;
}
