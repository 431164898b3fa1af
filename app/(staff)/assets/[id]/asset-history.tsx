"use client";

import { useQuery } from "@tanstack/react-query";
import { useTimeZone } from "@/app/_components/time-zone";
import { Alert, AlertDescription, AlertTitle } from "@/app/_components/ui/alert";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { formatDateTime, formatDay, formatRelative } from "@/app/_lib/format";
import { useTRPC } from "@/app/_trpc/client";
import type { AssetHistoryEntry } from "../asset-types";
import { conditionLabels } from "../conditions";

const actorName = (label: string | null) => (label ? label.replace(/\s*<[^>]*>$/, "") : "The system");
const or = (value: string | null, fallback: string) => value ?? fallback;

/** One history entry as a sentence: what happened, and from -> to where that applies. */
function describeEntry(entry: AssetHistoryEntry): { title: string; change?: [string, string] } {
  const statuses =
    entry.fromStatus && entry.toStatus ? ([entry.fromStatus, entry.toStatus] as [string, string]) : undefined;
  switch (entry.type) {
    case "purchase":
      return entry.fromStatus
        ? { title: "Received", change: statuses }
        : { title: `Added to inventory as ${or(entry.toStatus, "in stock")}` };
    case "assignment":
      return { title: `Assigned to ${or(entry.toEmployee, "an employee")}`, change: statuses };
    case "return":
      return { title: `Returned by ${or(entry.fromEmployee, "its holder")}`, change: statuses };
    case "transfer":
      return {
        title: `Transferred to ${or(entry.toEmployee, "another employee")}`,
        change: [or(entry.fromEmployee, "—"), or(entry.toEmployee, "—")],
      };
    case "status_change":
      if (entry.data.move === true) {
        return {
          title: `Moved to ${or(entry.toLocation, "another location")}`,
          change: [or(entry.fromLocation, "no location"), or(entry.toLocation, "no location")],
        };
      }
      return { title: `Status changed to ${or(entry.toStatus, "another status")}`, change: statuses };
    case "repair_start":
      return { title: "Sent to repair", change: statuses };
    case "repair_complete":
      return { title: "Back from repair", change: statuses };
    case "retire":
      return { title: entry.toStatus === "Disposed" ? "Disposed of" : "Retired", change: statuses };
    case "lost":
      return { title: "Reported lost", change: statuses };
    case "stolen":
      return { title: "Reported stolen", change: statuses };
    case "maintenance":
      return {
        title:
          typeof entry.data.performedOn === "string"
            ? `Maintenance on ${formatDay(entry.data.performedOn)}`
            : "Maintenance recorded",
      };
    case "audit":
      if (entry.data.outcome === "relocated") {
        return {
          title: `Found in an audit and moved to ${or(entry.toLocation, "the audited location")}`,
          change: [or(entry.fromLocation, "no location"), or(entry.toLocation, "no location")],
        };
      }
      return { title: "Seen in an audit" };
    default:
      return { title: entry.type.replace(/_/g, " ") };
  }
}

/** The asset's lifecycle, newest first: who did what, from -> to, condition and notes. */
export function AssetHistory({ assetId }: { assetId: string }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.assets.history.queryOptions({ assetId }));

  const timeZone = useTimeZone();
  if (history.isPending) {
    return (
      <div className="grid gap-3" role="status" aria-label="Loading history">
        <Skeleton className="h-12" />
        <Skeleton className="h-12" />
      </div>
    );
  }
  if (history.isError) {
    return (
      <Alert variant="destructive">
        <AlertTitle>History unavailable</AlertTitle>
        <AlertDescription>{history.error.message}</AlertDescription>
      </Alert>
    );
  }
  return (
    <ol aria-label="Asset history" className="grid gap-5 border-l pl-5">
      {history.data.map((entry) => {
        const { title, change } = describeEntry(entry);
        return (
          <li key={entry.id} className="relative grid gap-1 text-sm" data-history-type={entry.type}>
            <span
              aria-hidden
              className="absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full border-2 border-background bg-primary"
            />
            <span className="font-medium">{title}</span>
            {change ? (
              <span className="text-muted-foreground">
                {change[0]}
                <span aria-hidden> → </span>
                <span className="sr-only"> to </span>
                <span className="text-foreground">{change[1]}</span>
              </span>
            ) : null}
            {entry.condition ? (
              <span>
                Condition:{" "}
                {conditionLabels[entry.condition as keyof typeof conditionLabels] ?? entry.condition}
              </span>
            ) : null}
            {entry.notes ? (
              <q className="whitespace-pre-line text-muted-foreground italic">{entry.notes}</q>
            ) : null}
            <span className="text-xs text-muted-foreground">
              {actorName(entry.actor)} ·{" "}
              <time
                dateTime={entry.occurredAt.toISOString()}
                title={formatDateTime(entry.occurredAt, timeZone)}
                suppressHydrationWarning
              >
                {formatRelative(entry.occurredAt)}
              </time>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
