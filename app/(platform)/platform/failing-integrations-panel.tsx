"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { DateTime } from "@/app/_components/time-zone";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/client";

/**
 * Integrations of any tenant whose latest sync failed, with the provider's error: while one is
 * broken, that organization's new hires and leavers stop arriving. Refreshed every minute.
 */
export function FailingIntegrationsPanel() {
  const trpc = useTRPC();
  const { data: failing } = useSuspenseQuery({
    ...trpc.platform.failingIntegrations.queryOptions(),
    refetchInterval: 60_000,
  });
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Failing integrations</h2>
        </CardTitle>
        <CardDescription>
          {failing.length === 0
            ? "Every integration's latest sync worked."
            : `${failing.length} ${failing.length === 1 ? "integration's" : "integrations'"} latest sync failed. Each organization's admins were told too.`}
        </CardDescription>
      </CardHeader>
      {failing.length > 0 ? (
        <CardContent>
          <Table aria-label="Failing integrations">
            <TableHeader>
              <TableRow>
                <TableHead scope="col">Organization</TableHead>
                <TableHead scope="col">Integration</TableHead>
                <TableHead scope="col">Failed</TableHead>
                <TableHead scope="col">Error</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {failing.map((row) => (
                <TableRow key={row.integrationId}>
                  <TableCell>{row.tenantName}</TableCell>
                  <TableCell>
                    {row.integrationName} <span className="text-muted-foreground">({row.provider})</span>
                  </TableCell>
                  <TableCell>
                    <DateTime value={row.failedAt} />
                  </TableCell>
                  <TableCell className="max-w-md whitespace-normal text-sm">{row.error}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      ) : null}
    </Card>
  );
}
