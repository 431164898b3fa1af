import { sql } from "kysely";
import type { TenantScope } from "../../context";
import type { NotifyResult } from "./notify";
import { notifyItStaff } from "./notify-admins";

/** How far back a hire date still makes someone a new hire (the earlier system's rule). */
export const NEW_HIRE_DAYS = 30;

/**
 * employee.created by an HR integration's sync, for someone hired within the last 30 days or
 * starting later -> IT staff and admins, who prepare their equipment and accounts. A first sync
 * bringing in the whole company tells them only of its recent hires; people created by hand or by
 * an import are left out (whoever added them knows).
 */
export async function notifyNewHireSynced(scope: TenantScope, employeeId: string): Promise<NotifyResult[]> {
  const hire = await scope.db
    .selectFrom("employees as e")
    .innerJoin("integrations as i", "i.id", "e.source_integration_id")
    .select([
      "e.first_name",
      "e.last_name",
      "e.display_name",
      "e.title",
      sql<string>`to_char(e.hire_date, 'YYYY-MM-DD')`.as("hireDate"),
      "i.name as integrationName",
    ])
    .where("e.tenant_id", "=", scope.tenantId)
    .where("e.id", "=", employeeId)
    .where("e.source", "=", "integration")
    .where("e.status", "=", "active")
    .where(sql<boolean>`e.hire_date >= current_date - ${NEW_HIRE_DAYS}::int`)
    .executeTakeFirst();
  if (!hire) return [];
  const name = hire.display_name ?? `${hire.first_name} ${hire.last_name}`;
  const role = hire.title ? ` as ${hire.title}` : "";
  return notifyItStaff(scope, {
    type: "new_hire_synced",
    title: `New hire from ${hire.integrationName}: ${name} starts on ${hire.hireDate}`,
    body: `${name} joins${role} on ${hire.hireDate}. Prepare their equipment and accounts.`,
    link: `/employees/${employeeId}`,
    email: {
      employeeName: name,
      jobTitle: hire.title,
      hireDate: hire.hireDate,
      integrationName: hire.integrationName,
    },
  });
}
