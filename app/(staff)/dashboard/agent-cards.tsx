import { MonitorX, Radar } from "lucide-react";
import { StatCard } from "@/app/_components/ui/stat-card";
import { formatCount } from "@/app/_lib/format";
import type { AgentCheckIns } from "@/server/dashboard/schemas";
import { LinkedStat } from "./asset-cards";
import { assetListHref } from "./asset-links";

const devices = (n: number) => `${formatCount(n)} ${n === 1 ? "device" : "devices"}`;

/**
 * The agent's word on the fleet: linked devices silent for the tenant's stale days (opening the
 * asset list filtered to exactly them), and discovered devices waiting for review. Nothing for a
 * tenant that runs no agent.
 */
export function AgentCards({ checkIns, canReview }: { checkIns: AgentCheckIns; canReview: boolean }) {
  const { staleDays, linkedDevices, stale, pendingReview } = checkIns;
  if (!linkedDevices && pendingReview === 0) return null;
  const pending = {
    label: "Discovered devices",
    value: devices(pendingReview),
    hint: "Reported by the agent, waiting for review",
    icon: <Radar aria-hidden />,
  };
  return (
    <section aria-label="Agent check-ins" className="grid grid-cols-2 gap-3 sm:gap-4 xl:grid-cols-4">
      {linkedDevices ? (
        <LinkedStat
          href={assetListHref({ agentStale: true })}
          label={`Not seen for ${staleDays}+ days`}
          value={devices(stale)}
          hint={stale ? "Switched off, lost, or without their agent?" : "Every agent checked in recently"}
          tone={stale ? "warning" : "default"}
          icon={<MonitorX aria-hidden />}
        />
      ) : null}
      {pendingReview > 0 ? (
        canReview ? (
          <LinkedStat href="/assets/discovered" {...pending} />
        ) : (
          <StatCard {...pending} />
        )
      ) : null}
    </section>
  );
}
