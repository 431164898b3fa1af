import { Badge } from "@/app/_components/ui/badge";
import { type Health, healthBadges, type RunStatus, runStatusBadges } from "./integration-format";

/** An integration's health in words and colour ("Failing"), never colour alone. */
export function HealthBadge({ health }: { health: Health }) {
  const badge = healthBadges[health];
  return <Badge variant={badge.variant}>{badge.label}</Badge>;
}

/** A sync run's status ("Finished with errors"). */
export function RunStatusBadge({ status }: { status: RunStatus }) {
  const badge = runStatusBadges[status];
  return <Badge variant={badge.variant}>{badge.label}</Badge>;
}
