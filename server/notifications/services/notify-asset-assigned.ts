import type { EventData } from "@/inngest/events";
import type { TenantScope } from "../../context";
import { assetHolderAccount } from "./asset-holder-account";
import { type NotifyResult, notify } from "./notify";

/**
 * asset.assigned -> the employee's own account, if they have one: the bell and (by default) an
 * email. Every hand-over waits for its holder's receipt, so this is also the request to accept it
 * (the notification type the preferences call "Equipment assigned to you" covers it): the link
 * opens the portal, where anyone holding equipment accepts or declines it, staff included.
 */
export async function notifyAssetAssigned(
  scope: TenantScope,
  assetId: string,
  data: EventData<"asset.assigned">,
): Promise<NotifyResult[]> {
  const results: NotifyResult[] = [];
  const row = await assetHolderAccount(scope, assetId, data.employeeId);
  const returnBy = data.expectedReturnAt ? ` Please return it by ${data.expectedReturnAt}.` : "";
  if (row) {
    results.push(
      await notify(scope, row.userId, {
        type: "asset_assigned",
        title: `${data.tag} ${row.assetName} is assigned to you`,
        body: `${row.assetName} (${data.tag}) is now yours to look after.${returnBy} Please confirm you received it: accept it under the equipment terms in the portal, or decline it and say why.`,
        // Receipts are accepted in the portal, whoever holds the asset.
        link: "/portal",
        email: {
          assetTag: data.tag,
          assetName: row.assetName,
          expectedReturnAt: data.expectedReturnAt ?? null,
        },
      }),
    );
  }
  const manager = await managerAccountOf(scope, assetId, data.employeeId);
  if (manager) {
    results.push(
      await notify(scope, manager.userId, {
        type: "report_asset_assigned",
        title: `${manager.reportName} now holds ${data.tag} ${manager.assetName}`,
        body: `${manager.assetName} (${data.tag}) was assigned to ${manager.reportName}, who reports to you.${returnBy}`,
        // Staff open the person's page; a manager with the portal only sees the notice itself.
        link: manager.role === "employee" ? "/portal/notifications" : `/employees/${data.employeeId}`,
        email: { reportName: manager.reportName, assetTag: data.tag, assetName: manager.assetName },
      }),
    );
  }
  return results;
}

/**
 * The account of the holder's manager, if the holder has a manager with one: whether they hear of
 * it is theirs to choose (report_asset_assigned is opt-in), so nobody is told by default.
 */
async function managerAccountOf(scope: TenantScope, assetId: string, employeeId: string) {
  const row = await scope.db
    .selectFrom("employees as e")
    .innerJoin("employees as m", (join) =>
      join.onRef("m.id", "=", "e.manager_id").onRef("m.tenant_id", "=", "e.tenant_id"),
    )
    .innerJoin("users as u", "u.id", "m.user_id")
    .innerJoin("assets as a", (join) => join.onRef("a.tenant_id", "=", "e.tenant_id"))
    .select([
      "u.id as userId",
      "u.role",
      "e.display_name",
      "e.first_name",
      "e.last_name",
      "a.name as assetName",
    ])
    .where("e.tenant_id", "=", scope.tenantId)
    .where("e.id", "=", employeeId)
    .where("a.id", "=", assetId)
    .where("u.status", "=", "active")
    .executeTakeFirst();
  if (!row) return null;
  const reportName = row.display_name ?? `${row.first_name} ${row.last_name}`;
  return { userId: row.userId, role: row.role, reportName, assetName: row.assetName };
}
