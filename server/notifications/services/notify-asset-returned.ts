import type { EventData } from "@/inngest/events";
import type { TenantScope } from "../../context";
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
  const row = await scope.db
    .selectFrom("assets as a")
    .innerJoin("employees as e", (join) => join.onRef("e.tenant_id", "=", "a.tenant_id"))
    .innerJoin("users as u", "u.id", "e.user_id")
    .select(["a.name as assetName", "u.id as userId", "u.role"])
    .where("a.tenant_id", "=", scope.tenantId)
    .where("a.id", "=", assetId)
    .where("e.id", "=", data.employeeId)
    .executeTakeFirst();
  if (!row) return [];
  const condition = data.condition ?? null;
  const result = await notify(scope, row.userId, {
    type: "asset_returned",
    title: `${data.tag} ${row.assetName} is checked back in`,
    body: `${row.assetName} (${data.tag}) was returned${condition ? ` in ${condition} condition` : ""} and is now ${data.toStatus}.`,
    link: row.role === "employee" ? "/portal" : `/assets/${assetId}`,
    email: { assetTag: data.tag, assetName: row.assetName, condition, toStatus: data.toStatus },
  });
  return [result];
}
