"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ClipboardCheck } from "lucide-react";
import Link from "next/link";
import { DateTime } from "@/app/_components/time-zone";
import { Badge } from "@/app/_components/ui/badge";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { formatCount } from "@/app/_lib/format";
import { useTRPC } from "@/app/_trpc/client";

/** Open audits first in time order with their starter; closed ones with their final counts. */
export function AuditList() {
  const trpc = useTRPC();
  const { data: audits } = useSuspenseQuery(trpc.assets.audits.list.queryOptions());
  if (audits.length === 0) {
    return (
      <EmptyState
        icon={<ClipboardCheck aria-hidden />}
        title="No audits yet"
        description="Start one for a site, building, floor or room: every asset there or below it is expected."
      />
    );
  }
  return (
    <Table stickyFirstColumn aria-label="Audits">
      <TableHeader>
        <TableRow>
          <TableHead>Location</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Started</TableHead>
          <TableHead className="text-right">Found</TableHead>
          <TableHead className="text-right">Missing</TableHead>
          <TableHead className="text-right">Unexpected</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {audits.map((audit) => (
          <TableRow key={audit.id}>
            <TableCell className="font-medium">
              <Link href={`/assets/audits/${audit.id}`} className="underline-offset-4 hover:underline">
                {audit.location.name}
              </Link>
            </TableCell>
            <TableCell>
              <Badge variant={audit.status === "open" ? "warning" : "secondary"}>{audit.status}</Badge>
            </TableCell>
            <TableCell className="text-muted-foreground text-sm">
              <DateTime value={audit.startedAt} />
              {audit.startedBy ? ` by ${audit.startedBy}` : ""}
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {audit.counts ? formatCount(audit.counts.found) : "—"}
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {audit.counts ? formatCount(audit.counts.missing) : "—"}
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {audit.counts ? formatCount(audit.counts.unexpected) : "—"}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
