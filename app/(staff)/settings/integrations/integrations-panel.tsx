"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Cable } from "lucide-react";
import Link from "next/link";
import { DateTime } from "@/app/_components/time-zone";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/client";
import { AddIntegrationButton } from "./add-integration-dialog";
import { countsSentence, formatRate, scheduleLabels } from "./integration-format";
import { HealthBadge, RunStatusBadge } from "./status-badges";
import { SyncButton } from "./sync-button";

/** The tenant's integrations at a glance: health, last sync, success rate, and Sync now for admins. */
export function IntegrationsPanel({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const { data: catalog } = useSuspenseQuery(trpc.integrations.catalog.queryOptions());
  const { data: integrations } = useSuspenseQuery({
    ...trpc.integrations.list.queryOptions(),
    // A run moves on its own: follow it closely while one is going, loosely otherwise.
    refetchInterval: (query) => (query.state.data?.some((item) => item.running) ? 2000 : 15_000),
  });

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-end justify-between gap-4">
        <div className="grid gap-1.5">
          <CardTitle>Connected systems</CardTitle>
          <CardDescription>
            Each integration brings employees in from an HR system, on its schedule or when you press Sync
            now. Health looks at the last 30 runs.
          </CardDescription>
        </div>
        {canManage && integrations.length > 0 ? <AddIntegrationButton catalog={catalog} /> : null}
      </CardHeader>
      <CardContent>
        {integrations.length === 0 ? (
          <EmptyState
            icon={<Cable aria-hidden />}
            title="No integrations yet"
            description={
              canManage
                ? `Connect ${catalog.map((entry) => entry.label).join(", ")} to keep employees in step with your HR system.`
                : "An admin can connect an HR system here; its syncs and their health will show on this page."
            }
            action={canManage ? <AddIntegrationButton catalog={catalog} /> : null}
          />
        ) : (
          <Table stickyFirstColumn aria-label="Integrations">
            <TableHeader>
              <TableRow>
                <TableHead>Integration</TableHead>
                <TableHead>Health</TableHead>
                <TableHead>Last sync</TableHead>
                <TableHead className="text-right">Success rate</TableHead>
                <TableHead>Schedule</TableHead>
                {canManage ? <TableHead className="sr-only">Actions</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {integrations.map((integration) => (
                <TableRow key={integration.id}>
                  <TableCell>
                    <Link
                      href={`/settings/integrations/${integration.id}`}
                      className="font-medium underline-offset-4 hover:underline"
                    >
                      {integration.name}
                    </Link>
                    <div className="text-muted-foreground text-xs">{integration.providerLabel}</div>
                  </TableCell>
                  <TableCell>
                    <HealthBadge health={integration.health} />
                  </TableCell>
                  <TableCell className="whitespace-normal">
                    {integration.running ? (
                      <span className="text-sm">Syncing now…</span>
                    ) : integration.lastRun ? (
                      <div className="grid gap-1 text-sm">
                        <span className="flex flex-wrap items-center gap-2">
                          <DateTime value={integration.lastRun.startedAt} />
                          <RunStatusBadge status={integration.lastRun.status} />
                        </span>
                        <span className="text-muted-foreground text-xs">
                          {integration.lastRun.status === "failed" && integration.lastRun.error
                            ? integration.lastRun.error
                            : countsSentence(integration.lastRun)}
                        </span>
                      </div>
                    ) : (
                      <span className="text-muted-foreground text-sm">Never synced</span>
                    )}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {formatRate(integration.successRate)}
                  </TableCell>
                  <TableCell className="text-sm">
                    {integration.enabled ? scheduleLabels[integration.schedule] : "Paused (disabled)"}
                  </TableCell>
                  {canManage ? (
                    <TableCell className="text-right">
                      {integration.enabled ? (
                        <SyncButton
                          integration={integration}
                          running={integration.running}
                          variant="outline"
                          size="sm"
                        />
                      ) : (
                        <span className="text-muted-foreground text-xs">Enable it to sync</span>
                      )}
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
