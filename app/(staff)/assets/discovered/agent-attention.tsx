import { MonitorX, Radar } from "lucide-react";
import Link from "next/link";
import { Card, CardContent } from "@/app/_components/ui/card";
import { getQueryClient, trpc } from "@/app/_trpc/server";

/**
 * The dashboard's word on the agent: devices not seen for the tenant's stale days, and discovered
 * devices waiting for review. Nothing when there is neither.
 */
export async function AgentAttention({ canReview, canManage }: { canReview: boolean; canManage: boolean }) {
  const { staleCount, pendingCount, settings } = await getQueryClient().fetchQuery(
    trpc.agent.overview.queryOptions(),
  );
  if (staleCount === 0 && pendingCount === 0) return null;
  const stale = `${staleCount} ${staleCount === 1 ? "device has" : "devices have"} not checked in for ${settings.staleDays} days`;
  const pending = `${pendingCount} discovered ${pendingCount === 1 ? "device waits" : "devices wait"} for review`;
  return (
    <Card role="region" aria-label="Agent">
      <CardContent className="flex flex-wrap gap-x-8 gap-y-2 text-sm">
        {staleCount > 0 ? (
          <span className="inline-flex items-center gap-2">
            <MonitorX aria-hidden className="size-4 text-destructive" />
            {canManage ? (
              <Link href="/settings/agent" className="underline underline-offset-4">
                {stale}
              </Link>
            ) : (
              stale
            )}
          </span>
        ) : null}
        {pendingCount > 0 ? (
          <span className="inline-flex items-center gap-2">
            <Radar aria-hidden className="size-4" />
            {canReview ? (
              <Link href="/assets/discovered" className="underline underline-offset-4">
                {pending}
              </Link>
            ) : (
              pending
            )}
          </span>
        ) : null}
      </CardContent>
    </Card>
  );
}
