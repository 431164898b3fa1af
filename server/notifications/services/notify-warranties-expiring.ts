import type { EventData } from "@/inngest/events";
import type { TenantScope } from "../../context";
import type { NotifyResult } from "./notify";
import { notifyItStaff } from "./notify-admins";

/** Assets named in the bell's body; the email lists every asset the event carries. */
const NAMED_IN_BELL = 5;

/**
 * asset.warranties_expiring -> IT staff and admins: one notice per threshold and day however many
 * warranties end, naming one asset when there is one (linked to it) and counting them otherwise
 * (linked to the asset list filtered to warranties ending within 30 days, soonest first).
 */
export function notifyWarrantiesExpiring(
  scope: TenantScope,
  data: EventData<"asset.warranties_expiring">,
): Promise<NotifyResult[]> {
  const { thresholdDays, count, assets } = data;
  const [first] = assets;
  const single = count === 1 && first;
  const named = assets
    .slice(0, NAMED_IN_BELL)
    .map((asset) => `${asset.tag} (${asset.warrantyEnd})`)
    .join(", ");
  const more = count > NAMED_IN_BELL ? ` and ${count - NAMED_IN_BELL} more` : "";
  return notifyItStaff(scope, {
    type: "warranty_expiring",
    title: single
      ? `The warranty of ${first.tag} ${first.name} ends on ${first.warrantyEnd}`
      : `${count} warranties end within ${thresholdDays} days`,
    body: single
      ? `Renew it or plan a replacement: its warranty ends within ${thresholdDays} days.`
      : `Ending soonest: ${named}${more}. Renew them or plan replacements.`,
    link: single ? `/assets/${first.id}` : "/assets?warranty=30&sort=warranty_end&dir=asc",
    email: {
      thresholdDays,
      count,
      assets: assets.map(({ tag, name, warrantyEnd }) => ({ tag, name, warrantyEnd })),
    },
  });
}
