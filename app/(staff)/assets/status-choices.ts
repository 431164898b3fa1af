import type { Choice } from "@/app/_components/choice-select";
import { kindLabels, type StatusKind } from "@/server/assets/lifecycle";

/**
 * Statuses as a status change offers them. Assigned ones are left out (assigning records who
 * holds the asset, so it has its own action); a status named unlike its stage names the stage
 * too: "Broken (in repair)".
 */
export function statusChoices(
  statuses: ReadonlyArray<{ id: string; label: string; kind: StatusKind }>,
): Choice[] {
  return statuses
    .filter((status) => status.kind !== "assigned")
    .map((status) => ({
      value: status.id,
      label:
        status.label === kindLabels[status.kind]
          ? status.label
          : `${status.label} (${kindLabels[status.kind].toLowerCase()})`,
    }));
}
