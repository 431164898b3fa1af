"use client";

import { useQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { SubjectLink, subjectKind } from "@/app/_components/subject-link";
import { Timeline } from "@/app/_components/timeline";
import { Alert, AlertDescription, AlertTitle } from "@/app/_components/ui/alert";
import { buttonVariants } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { shortId } from "@/app/_lib/event-data";
import { useTRPC } from "@/app/_trpc/client";
import { AuditFilters } from "@/server/audit/schemas";
import { filtersFromSearchParams, searchParamsFromFilters } from "@/server/audit/search-params";
import { AuditFilterBar } from "./audit-filter-bar";
import { AuditTable } from "./audit-table";
import { IntegrityPanel } from "./integrity-panel";

/** The audit log page: its filters live in the URL, so a view can be shared and survives a reload. */
export function AuditLog() {
  const searchParams = useSearchParams();
  const raw = filtersFromSearchParams(searchParams);
  const filters = AuditFilters.safeParse(raw);
  const exportHref = filters.success ? `/api/audit/export?${searchParamsFromFilters(filters.data)}` : null;
  const entity = filters.success && filters.data.entityType && filters.data.entityId ? filters.data : null;

  return (
    <div className="grid gap-6">
      <IntegrityPanel />
      {/* Re-mounted when the URL changes, so the form always shows the filters in effect. */}
      <AuditFilterBar key={searchParams.toString()} applied={raw} />
      {filters.success ? null : (
        <Alert variant="destructive">
          <AlertTitle>These filters cannot be applied</AlertTitle>
          <AlertDescription>
            {filters.error.issues[0]?.message ?? "Check the filters above."} Correct them above, or clear
            them.
          </AlertDescription>
        </Alert>
      )}
      {entity?.entityType && entity.entityId ? (
        <RecordTimeline entityType={entity.entityType} entityId={entity.entityId} />
      ) : null}
      {filters.success ? (
        <Card>
          <CardHeader className="flex flex-row items-start justify-between gap-4">
            <div className="grid gap-1.5">
              <CardTitle>Events</CardTitle>
              <CardDescription>
                Newest first. Export downloads every event matching the filters.
              </CardDescription>
            </div>
            {exportHref ? (
              <a href={exportHref} download className={buttonVariants({ variant: "outline" })}>
                <Download aria-hidden /> Export CSV
              </a>
            ) : null}
          </CardHeader>
          <CardContent>
            <Suspense fallback={<TableSkeleton />}>
              <AuditTable filters={filters.data} />
            </Suspense>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}

/**
 * The history of the record the log is filtered to, headed by the record's name ("Timeline of asset
 * AST-000123 · MacBook Air"), linked to its page; a record with no name left shows its short id.
 */
function RecordTimeline({ entityType, entityId }: { entityType: string; entityId: string }) {
  const trpc = useTRPC();
  const subject = useQuery(trpc.audit.subject.queryOptions({ entityType, entityId })).data;
  const kind = subjectKind(entityType);
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          Timeline of {kind}{" "}
          {subject?.label ? (
            <SubjectLink subject={subject} />
          ) : (
            <span className="font-mono" title={entityId}>
              {shortId(entityId)}
            </span>
          )}
        </CardTitle>
        <CardDescription>What happened to this record, newest first.</CardDescription>
      </CardHeader>
      <CardContent>
        <Timeline
          entityType={entityType}
          entityId={entityId}
          label={`History of ${kind} ${subject?.label ?? shortId(entityId)}`}
        />
      </CardContent>
    </Card>
  );
}

function TableSkeleton() {
  return (
    <div className="grid gap-2" role="status" aria-label="Loading events">
      {[0, 1, 2, 3, 4].map((row) => (
        <Skeleton key={row} className="h-9" />
      ))}
    </div>
  );
}
