"use client";

import { CircleAlert, Info } from "lucide-react";
import Link from "next/link";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { SubjectLink, subjectKind } from "@/app/_components/subject-link";
import { DateTime } from "@/app/_components/time-zone";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { shortId } from "@/app/_lib/event-data";
import { formatCount, humanizeEventName } from "@/app/_lib/format";
import { runStatusBadge } from "@/app/(staff)/settings/automation/run-format";
import type { ChainNode, ChainRun } from "@/server/audit/schemas";
import { searchParamsFromFilters } from "@/server/audit/search-params";
import { EventDetails } from "../../event-details";

/** Events of one run shown before "Show all": an import's run emits one event per row. */
const PREVIEW = 20;

type TreeProps = {
  /** The event the chain was opened from, marked and scrolled to. */
  focusId: string;
  onOpenRun: (runId: string) => void;
};

/** Whether `id` is this node or anywhere below it (a long list opens whole to show it). */
function holds(node: ChainNode, id: string): boolean {
  return node.event.id === id || node.runs.some((run) => run.events.some((child) => holds(child, id)));
}

const headings = ["h1", "h2", "h3", "h4", "h5", "h6"] as const;

/** Heading levels follow the depth of the tree, down to the deepest level HTML has. */
function Heading({ level, className, children }: { level: number; className?: string; children: ReactNode }) {
  const Tag = headings[Math.min(level, 6) - 1] ?? "h6";
  return <Tag className={className}>{children}</Tag>;
}

const linkClass =
  "rounded-sm underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring";

/** One event of the chain, then the runs it triggered. */
export function EventNode({
  node,
  level,
  focusId,
  onOpenRun,
}: TreeProps & { node: ChainNode; level: number }) {
  const { event } = node;
  const focused = event.id === focusId;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focused) ref.current?.scrollIntoView({ block: "center" });
  }, [focused]);
  const name = humanizeEventName(event.name);

  return (
    <li className="grid gap-3">
      <div
        ref={ref}
        aria-current={focused ? "true" : undefined}
        className={
          focused
            ? "grid gap-1 rounded-md border border-primary bg-primary/5 p-3 ring-1 ring-primary"
            : "grid gap-1 rounded-md border bg-card p-3"
        }
      >
        <Heading level={level} className="flex flex-wrap items-center gap-2 text-sm font-medium">
          {name}
          <span className="font-mono text-xs font-normal text-muted-foreground">{event.name}</span>
          {focused ? <Badge variant="outline">the entry you opened</Badge> : null}
        </Heading>
        <p className="text-xs text-muted-foreground">
          by {event.actor.label ?? event.actor.id ?? "the system"} · <DateTime value={event.occurredAt} /> · #
          {event.seq} · <SubjectLink subject={event.subject} /> (
          <Link
            href={`/audit?${searchParamsFromFilters({ entityType: event.entity.type, entityId: event.entity.id })}`}
            className={linkClass}
            aria-label={`History of ${subjectKind(event.entity.type)} ${event.subject.label ?? event.entity.id}`}
            title={event.entity.id}
          >
            history
          </Link>
          )
        </p>
        <div className="text-sm">
          <EventDetails data={event.data} />
        </div>
      </div>
      {node.runs.length > 0 ? (
        <ul
          aria-label={`Automation triggered by ${name.toLowerCase()}`}
          className="grid gap-3 border-l pl-4 sm:pl-6"
        >
          {node.runs.map((run, index) => (
            <RunNode
              key={run.id ?? `${run.functionId}-${index}`}
              run={run}
              level={level + 1}
              focusId={focusId}
              onOpenRun={onOpenRun}
            />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** One function's handling of the event above: its status, and the events it emitted. */
function RunNode({ run, level, focusId, onOpenRun }: TreeProps & { run: ChainRun; level: number }) {
  const hiddenFocus = run.events.slice(PREVIEW).some((child) => holds(child, focusId));
  const [showAll, setShowAll] = useState(hiddenFocus);
  const shown = showAll ? run.events : run.events.slice(0, PREVIEW);
  const title = run.functionName ?? run.functionId ?? "An automation the app no longer runs";
  const listId = useId();

  return (
    <li className="grid gap-3">
      <div className="grid gap-2 rounded-md border border-dashed bg-muted/40 p-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <Heading level={level} className="flex flex-wrap items-center gap-2 text-sm font-medium">
            <span>Automation: {title}</span>
            {run.status ? (
              <Badge variant={runStatusBadge[run.status]}>{run.status}</Badge>
            ) : (
              <Badge variant="outline">ran on Inngest</Badge>
            )}
          </Heading>
          {run.recorded && run.id ? (
            <Button variant="outline" size="sm" onClick={() => onOpenRun(run.id ?? "")}>
              Run details
            </Button>
          ) : null}
        </div>
        <p className="text-xs text-muted-foreground">
          {run.startedAt ? (
            <>
              Started <DateTime value={run.startedAt} />
              {" · "}
            </>
          ) : null}
          {run.events.length === 0
            ? "Recorded no change"
            : `Recorded ${formatCount(run.events.length)} ${run.events.length === 1 ? "change" : "changes"}`}
          {run.id ? <span className="font-mono"> · run {shortId(run.id)}</span> : null}
        </p>
        {run.error ? (
          <p className="flex items-start gap-2 text-sm text-destructive">
            <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
            <span>
              <strong>{run.error.name}:</strong> {run.error.message}
            </span>
          </p>
        ) : null}
      </div>
      {run.events.length > 0 ? (
        <ol
          id={listId}
          aria-label={`Changes recorded by ${title}`}
          className="grid gap-3 border-l pl-4 sm:pl-6"
        >
          {shown.map((child) => (
            <EventNode
              key={child.event.id}
              node={child}
              level={level + 1}
              focusId={focusId}
              onOpenRun={onOpenRun}
            />
          ))}
        </ol>
      ) : null}
      {run.events.length > PREVIEW ? (
        <div className="flex items-center gap-2 pl-4 text-sm text-muted-foreground sm:pl-6">
          <Info aria-hidden className="size-4" />
          <Button variant="ghost" size="sm" aria-controls={listId} onClick={() => setShowAll(!showAll)}>
            {showAll ? `Show the first ${PREVIEW}` : `Show all ${formatCount(run.events.length)} changes`}
          </Button>
        </div>
      ) : null}
    </li>
  );
}
