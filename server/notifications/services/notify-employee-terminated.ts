import type { EventData } from "@/inngest/events";
import { activeAdminIds } from "../../accounts/queries";
import type { TenantScope } from "../../context";
import { type NotifyResult, notify } from "./notify";

/**
 * employee.terminated -> the tenant's active admins, who see that equipment comes back and access
 * closes. An admin who is the one leaving is not told of their own departure.
 */
export async function notifyEmployeeTerminated(
  scope: TenantScope,
  employeeId: string,
  data: EventData<"employee.terminated">,
): Promise<NotifyResult[]> {
  const employee = await scope.db
    .selectFrom("employees")
    .select(["display_name", "first_name", "last_name", "user_id"])
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", employeeId)
    .executeTakeFirst();
  if (!employee) return [];
  const name = employee.display_name ?? `${employee.first_name} ${employee.last_name}`;
  const date = data.terminatedAt.slice(0, 10);
  const results: NotifyResult[] = [];
  for (const adminId of await activeAdminIds(scope.db, scope.tenantId)) {
    if (adminId === employee.user_id) continue;
    results.push(
      await notify(scope, adminId, {
        type: "employee_terminated",
        title: `${name} is leaving (last day ${date})`,
        body: `${name}'s termination date is ${date}. Make sure their equipment comes back and their access is closed.`,
        link: `/employees/${employeeId}`,
        email: { employeeName: name, terminationDate: date },
      }),
    );
  }
  return results;
}
