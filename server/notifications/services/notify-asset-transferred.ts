import type { EventData } from "@/inngest/events";
import type { TenantScope } from "../../context";
import { type NotifyResult, notify } from "./notify";

type Side = { employeeId: string; name: string; userId: string | null; role: string | null };

/**
 * asset.transferred -> both holders, each in their own words: the new one that it is now theirs
 * (and from whom), the old one that it left their name (and to whom). Someone without an account
 * is skipped; the other side still hears.
 */
export async function notifyAssetTransferred(
  scope: TenantScope,
  assetId: string,
  data: EventData<"asset.transferred">,
): Promise<NotifyResult[]> {
  const asset = await scope.db
    .selectFrom("assets")
    .select("name")
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", assetId)
    .executeTakeFirst();
  if (!asset) return [];
  const rows = await scope.db
    .selectFrom("employees as e")
    .leftJoin("users as u", "u.id", "e.user_id")
    .select(["e.id", "e.display_name", "e.first_name", "e.last_name", "u.id as userId", "u.role"])
    .where("e.tenant_id", "=", scope.tenantId)
    .where("e.id", "in", [data.fromEmployeeId, data.toEmployeeId])
    .execute();
  const sides: Side[] = rows.map((row) => ({
    employeeId: row.id,
    name: row.display_name ?? `${row.first_name} ${row.last_name}`,
    userId: row.userId,
    role: row.role,
  }));
  const from = sides.find((side) => side.employeeId === data.fromEmployeeId);
  const to = sides.find((side) => side.employeeId === data.toEmployeeId);
  const link = (side: Side) => (side.role === "employee" ? "/portal" : `/assets/${assetId}`);
  const facts = { assetTag: data.tag, assetName: asset.name };

  const results: NotifyResult[] = [];
  if (to?.userId) {
    const fromName = from?.name ?? "another employee";
    results.push(
      await notify(scope, to.userId, {
        type: "asset_transferred",
        title: `${data.tag} ${asset.name} is now assigned to you (transferred from ${fromName})`,
        body: `${asset.name} (${data.tag}) is now yours to look after.`,
        link: link(to),
        email: { ...facts, side: "receiver", otherName: fromName },
      }),
    );
  }
  if (from?.userId) {
    const toName = to?.name ?? "another employee";
    results.push(
      await notify(scope, from.userId, {
        type: "asset_transferred",
        title: `${data.tag} ${asset.name} was transferred to ${toName}`,
        body: `${asset.name} (${data.tag}) is no longer assigned to you.`,
        link: link(from),
        email: { ...facts, side: "giver", otherName: toName },
      }),
    );
  }
  return results;
}
