"use client";

import { useSuspenseInfiniteQuery } from "@tanstack/react-query";
import { ScrollText } from "lucide-react";
import Link from "next/link";
import { CauseLine } from "@/app/_components/cause-line";
import { SubjectLink, subjectKind } from "@/app/_components/subject-link";
import { DateTime } from "@/app/_components/time-zone";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { EmptyState } from "@/app/_components/ui/empty-state";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/app/_components/ui/table";
import { humanizeEventName } from "@/app/_lib/format";
import { useTRPC } from "@/app/_trpc/client";
import type { AuditFilters } from "@/server/audit/schemas";
import { searchParamsFromFilters } from "@/server/audit/search-params";
import { EventDetails } from "./event-details";
import { nextAuditCursor } from "./list-options";

export function AuditTable({ filters }: { filters: AuditFilters }) {
  const trpc = useTRPC();
  const list = useSuspenseInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(filters, { getNextPageParam: nextAuditCursor }),
  );
  const events = list.data.pages.flatMap((page) => page.items);

  if (events.length === 0) {
    return (
      <EmptyState
        icon={<ScrollText aria-hidden />}
        title="No events match these filters"
        description="Widen the date range or clear a filter."
      />
    );
  }

  return (
    <div className="grid gap-4">
      <Table stickyFirstColumn aria-label="Audit events">
        <TableCaption className="sr-only">Audit events, newest first</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Time</TableHead>
            <TableHead>Event</TableHead>
            <TableHead>Actor</TableHead>
            <TableHead>Record</TableHead>
            <TableHead>Details</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {events.map((event) => (
            <TableRow key={event.id} className="align-top">
              <TableCell className="align-top">
                <DateTime value={event.occurredAt} />
                <div className="text-xs text-muted-foreground">#{event.seq}</div>
              </TableCell>
              <TableCell className="max-w-md align-top whitespace-normal">
                <div className="font-medium">{humanizeEventName(event.name)}</div>
                <div className="font-mono text-xs text-muted-foreground">{event.name}</div>
                <CauseLine entry={event} />
              </TableCell>
              <TableCell className="align-top whitespace-normal">
                <div>{event.actor.label ?? event.actor.id ?? "The system"}</div>
                {event.actor.type === "user" ? null : <Badge variant="secondary">{event.actor.type}</Badge>}
              </TableCell>
              <TableCell className="align-top whitespace-normal">
                <SubjectLink subject={event.subject} />
                <div className="text-xs text-muted-foreground">
                  {subjectKind(event.subject.type)} ·{" "}
                  <Link
                    href={`/audit?${searchParamsFromFilters({ entityType: event.entity.type, entityId: event.entity.id })}`}
                    scroll={false}
                    className="rounded-sm underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
                    aria-label={`History of ${subjectKind(event.entity.type)} ${event.subject.label ?? event.entity.id}`}
                    title={event.entity.id}
                  >
                    history
                  </Link>
                </div>
              </TableCell>
              <TableCell className="align-top whitespace-normal">
                <EventDetails data={event.data} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <div className="flex items-center justify-between gap-4">
        <p className="text-sm text-muted-foreground" aria-live="polite">
          {events.length} {events.length === 1 ? "event" : "events"} shown
          {list.hasNextPage ? "" : " — the whole log for these filters"}
        </p>
        {list.hasNextPage ? (
          <Button variant="outline" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
