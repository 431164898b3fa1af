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
  const row = await assetHolderAccount(scope, assetId, data.employeeId);
  if (!row) return [];
  const returnBy = data.expectedReturnAt ? ` Please return it by ${data.expectedReturnAt}.` : "";
  const result = await notify(scope, row.userId, {
    type: "asset_assigned",
    title: `${data.tag} ${row.assetName} is assigned to you`,
    body: `${row.assetName} (${data.tag}) is now yours to look after.${returnBy} Please confirm you received it: accept it under the equipment terms in the portal, or decline it and say why.`,
    // Receipts are accepted in the portal, whoever holds the asset.
    link: "/portal",
    email: { assetTag: data.tag, assetName: row.assetName, expectedReturnAt: data.expectedReturnAt ?? null },
  });
  return [result];
}
