"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { CauseLine } from "@/app/_components/cause-line";
import { DateTime } from "@/app/_components/time-zone";
import { Alert, AlertDescription, AlertTitle } from "@/app/_components/ui/alert";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { changesOf, formatValue, humanizeField, shortId } from "@/app/_lib/event-data";
import { formatRelative, humanizeEventName } from "@/app/_lib/format";
import { useTRPC } from "@/app/_trpc/client";

type TimelineProps = {
  entityType: string;
  entityId: string;
  /** How many of the latest events to show (at most 200). */
  limit?: number;
  /** The list's accessible name; defaults to "History of <type> <id>". */
  label?: string;
};

/** The recorded history of one record (asset, employee, workflow…), newest first. */
export function Timeline({ entityType, entityId, limit = 50, label }: TimelineProps) {
  const trpc = useTRPC();
  const timeline = useQuery(trpc.audit.timeline.queryOptions({ entityType, entityId, limit }));
  const name = label ?? `History of ${entityType} ${shortId(entityId)}`;

  if (timeline.isPending) {
    return (
      <div className="grid gap-3" role="status" aria-label={`Loading ${name}`}>
        <Skeleton className="h-10" />
        <Skeleton className="h-10" />
      </div>
    );
  }
  if (timeline.isError) {
    return (
      <Alert variant="destructive">
        <AlertTitle>History unavailable</AlertTitle>
        <AlertDescription>{timeline.error.message}</AlertDescription>
      </Alert>
    );
  }
  if (timeline.data.length === 0) {
    return <p className="text-sm text-muted-foreground">Nothing has been recorded about this record yet.</p>;
  }

  return (
    <ol aria-label={name} className="grid gap-4 border-l pl-4">
      {timeline.data.map((event) => {
        const changes = changesOf(event.data);
        return (
          <li key={event.id} className="relative grid gap-1 text-sm">
            <span aria-hidden className="absolute top-1.5 -left-[1.3rem] size-2 rounded-full bg-primary" />
            <span className="font-medium">
              {humanizeEventName(event.name)}
              {event.subject.type !== entityType && event.subject.label ? (
                <>
                  {" · "}
                  {event.subject.href ? (
                    <Link href={event.subject.href} className="underline-offset-4 hover:underline">
                      {event.subject.label}
                    </Link>
                  ) : (
                    event.subject.label
                  )}
                </>
              ) : null}
            </span>
            <span className="text-xs text-muted-foreground">
              by {event.actor.label ?? event.actor.id ?? "the system"} · {formatRelative(event.occurredAt)} (
              <DateTime value={event.occurredAt} />)
            </span>
            <CauseLine entry={event} />
            {changes ? (
              <ul className="grid gap-0.5 text-xs" aria-label="Changes">
                {changes.map((change) => (
                  <li key={change.field}>
                    <span className="font-medium">{humanizeField(change.field)}</span>:{" "}
                    <span className="text-muted-foreground">{formatValue(change.before)}</span>
                    <span aria-hidden> → </span>
                    <span className="sr-only"> changed to </span>
                    <span>{formatValue(change.after)}</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
