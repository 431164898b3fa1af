"use client";

import { useQueryClient, useSuspenseInfiniteQuery, useSuspenseQuery } from "@tanstack/react-query";
import { ChevronLeft } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { DateTime } from "@/app/_components/time-zone";
import { PageHeader } from "@/app/_components/ui/page-header";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import { countsSentence, isFinished } from "../integration-format";
import { HealthBadge } from "../status-badges";
import { SyncButton } from "../sync-button";
import { HealthPanel } from "./health-panel";
import { IntegrationActions } from "./integration-actions";
import { RunsChart } from "./runs-chart";
import { nextRunsCursor, runsPageSize } from "./runs-options";
import { RunsTable } from "./runs-table";
import { SyncProgress } from "./sync-progress";
import { useRunProgress } from "./use-run-progress";

/**
 * One integration: its switch and sync buttons, the run in progress as it happens, its health,
 * a chart of runs and durations, and every run. Admins change it; auditors read it.
 */
export function IntegrationDetailView({
  integrationId,
  canManage,
}: {
  integrationId: string;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: integration } = useSuspenseQuery({
    ...trpc.integrations.get.queryOptions({ id: integrationId }),
    // Picks up a scheduled run starting while the page is open.
    refetchInterval: 10_000,
  });
  const { data: list } = useSuspenseQuery(trpc.integrations.list.queryOptions());
  const { data: runs } = useSuspenseInfiniteQuery(
    trpc.integrations.runs.infiniteQueryOptions(
      { id: integrationId, limit: runsPageSize },
      { getNextPageParam: nextRunsCursor },
    ),
  );
  const summary = list.find((item) => item.id === integrationId);
  const lastError =
    runs.pages
      .flatMap((page) => page.items)
      .find((run) => run.status === "failed" || (run.status === "partial" && run.failed > 0)) ?? null;

  // The run shown in the progress panel: the one started here, or one found running; it stays
  // on screen after it finishes, until the next one starts.
  const [shownRunId, setShownRunId] = useState<string | null>(integration.runningRunId);
  useEffect(() => {
    if (integration.runningRunId) setShownRunId(integration.runningRunId);
  }, [integration.runningRunId]);
  const run = useRunProgress(shownRunId);
  const running =
    integration.runningRunId !== null || (shownRunId !== null && (!run || !isFinished(run.status)));

  // Once per run: refresh the figures that depend on it and say how it went.
  const announced = useRef(new Set<string>());
  useEffect(() => {
    if (!run || !isFinished(run.status) || announced.current.has(run.id)) return;
    announced.current.add(run.id);
    void queryClient.invalidateQueries({ queryKey: trpc.integrations.pathKey() });
    if (run.status === "failed")
      toast.error(`Sync of ${integration.name} failed: ${run.error ?? "see the run"}`);
    else notifySuccess("sync-finished", `Sync of ${integration.name} finished: ${countsSentence(run)}`);
  }, [run, integration.name, queryClient, trpc]);

  return (
    <div className="grid gap-6">
      <Link
        href="/settings/integrations"
        className="inline-flex w-fit items-center gap-1 rounded-sm text-muted-foreground text-sm outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
      >
        <ChevronLeft aria-hidden className="size-4" /> Integrations
      </Link>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {integration.name}
            {summary ? <HealthBadge health={summary.health} /> : null}
          </span>
        }
        description={
          <>
            {integration.providerLabel} · added <DateTime value={integration.createdAt} date />
          </>
        }
        actions={
          canManage ? (
            <>
              <SyncButton
                integration={integration}
                running={running}
                disabled={!integration.enabled}
                onStarted={setShownRunId}
              />
              <SyncButton
                integration={integration}
                running={running}
                disabled={!integration.enabled}
                full
                variant="outline"
                onStarted={setShownRunId}
              />
            </>
          ) : null
        }
      />
      <IntegrationActions integration={integration} canManage={canManage} />
      {run ? <SyncProgress integrationId={integrationId} run={run} /> : null}
      {summary ? <HealthPanel integrationId={integrationId} summary={summary} lastError={lastError} /> : null}
      <RunsChart integrationId={integrationId} />
      <RunsTable integrationId={integrationId} />
    </div>
  );
}
