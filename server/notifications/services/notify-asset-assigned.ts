import type { EventData } from "@/inngest/events";
import type { TenantScope } from "../../context";
import { assetHolderAccount } from "./asset-holder-account";
import { type NotifyResult, notify } from "./notify";

/**
 * asset.assigned -> the employee's own account, if they have one: the bell and (by default) an
 * email. Employees see their equipment in the portal; staff who are also employees, on the asset.
 */
export async function notifyAssetAssigned(
  scope: TenantScope,
  assetId: string,
  data: EventData<"asset.assigned">,
): Promise<NotifyResult[]> {
  const row = await assetHolderAccount(scope, assetId, data.employeeId);
  if (!row) return [];
  const returnBy = data.expectedReturnAt ? ` Please return it by ${data.expectedReturnAt}.` : "";
  const result = await notify(scope, row.userId, {
    type: "asset_assigned",
    title: `${data.tag} ${row.assetName} is assigned to you`,
    body: `${row.assetName} (${data.tag}) is now yours to look after.${returnBy}`,
    link: row.link,
    email: { assetTag: data.tag, assetName: row.assetName, expectedReturnAt: data.expectedReturnAt ?? null },
  });
  return [result];
}
