"use client";

import { Activity, CircleAlert, Clock, Percent, Users } from "lucide-react";
import Link from "next/link";
import { DateTime } from "@/app/_components/time-zone";
import { Alert, AlertDescription, AlertTitle } from "@/app/_components/ui/alert";
import { StatCard } from "@/app/_components/ui/stat-card";
import { formatCount } from "@/app/_lib/format";
import { countsSentence, formatDuration, formatRate, processedCount } from "../integration-format";
import type { IntegrationListItem, RunSummary } from "../integration-types";
import { HealthBadge, RunStatusBadge } from "../status-badges";

/**
 * Health at a glance: status, last sync, success rate over the last 30 runs, records in the last
 * sync, and the last error with a link to its run.
 */
export function HealthPanel({
  integrationId,
  summary,
  lastError,
}: {
  integrationId: string;
  summary: IntegrationListItem;
  lastError: RunSummary | null;
}) {
  const lastRun = summary.lastRun;
  return (
    <section aria-label="Health" className="grid gap-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard
          label="Status"
          value={<HealthBadge health={summary.health} />}
          icon={<Activity aria-hidden />}
          tone={summary.health === "failing" ? "destructive" : "default"}
          hint={lastRun ? <RunStatusBadge status={lastRun.status} /> : "No sync yet"}
        />
        <StatCard
          label="Last sync"
          value={lastRun?.startedAt ? <DateTime value={lastRun.startedAt} /> : "Never"}
          icon={<Clock aria-hidden />}
          className="[&_[data-slot=stat-card-value]]:text-base"
          hint={
            lastRun ? `Took ${formatDuration(lastRun.durationMs)}` : "Press Sync now to run the first one"
          }
        />
        <StatCard
          label="Success rate"
          value={formatRate(summary.successRate)}
          icon={<Percent aria-hidden />}
          hint="Of the last 30 finished runs"
        />
        <StatCard
          label="Records in last sync"
          value={lastRun ? formatCount(processedCount(lastRun)) : "—"}
          icon={<Users aria-hidden />}
          hint={lastRun ? countsSentence(lastRun) : undefined}
        />
      </div>
      {lastError ? (
        // red while it is the latest run's; once a later sync went through it is history
        <Alert
          variant={lastError.id === lastRun?.id ? "destructive" : "default"}
          role="region"
          aria-label="Last error"
        >
          <CircleAlert aria-hidden />
          <AlertTitle>
            Last error
            {lastError.startedAt ? (
              <>
                , <DateTime value={lastError.startedAt} />
              </>
            ) : null}
          </AlertTitle>
          <AlertDescription>
            <p>{lastError.error ?? `${formatCount(lastError.failed)} records could not be taken in.`}</p>
            <Link
              href={`/settings/integrations/${integrationId}/runs/${lastError.id}`}
              className="font-medium underline underline-offset-4"
            >
              Open the run
            </Link>
          </AlertDescription>
        </Alert>
      ) : null}
    </section>
  );
}
