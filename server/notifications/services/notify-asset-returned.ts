import type { EventData } from "@/inngest/events";
import type { TenantScope } from "../../context";
import { assetHolderAccount } from "./asset-holder-account";
import { type NotifyResult, notify } from "./notify";

/**
 * asset.returned -> the employee who handed it back, if they have an account: their proof the
 * return was recorded and the asset is off their name. The asset no longer names its holder, so
 * the employee is the event's.
 */
export async function notifyAssetReturned(
  scope: TenantScope,
  assetId: string,
  data: EventData<"asset.returned">,
): Promise<NotifyResult[]> {
  const row = await assetHolderAccount(scope, assetId, data.employeeId);
  if (!row) return [];
  const condition = data.condition ?? null;
  const result = await notify(scope, row.userId, {
    type: "asset_returned",
    title: `${data.tag} ${row.assetName} is checked back in`,
    body: `${row.assetName} (${data.tag}) was returned${condition ? ` in ${condition} condition` : ""} and is now ${data.toStatus}.`,
    link: row.link,
    email: { assetTag: data.tag, assetName: row.assetName, condition, toStatus: data.toStatus },
  });
  return [result];
}
