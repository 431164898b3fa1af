"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { cn } from "@/app/_lib/cn";
import { formatCount } from "@/app/_lib/format";
import { useTRPC } from "@/app/_trpc/client";
import { formatBytes } from "@/server/files/purposes";

/** Past this share of the quota the bar turns to a warning, while there is still room to act. */
const WARN_AT = 0.9;

/** How much of the organization's file storage its attached and pending files take. */
export function StorageCard() {
  const trpc = useTRPC();
  const { data: usage } = useSuspenseQuery(trpc.files.usage.queryOptions());
  const share = usage.quotaBytes > 0 ? Math.min(usage.usedBytes / usage.quotaBytes, 1) : 1;
  const summary = `${formatBytes(usage.usedBytes)} of ${formatBytes(usage.quotaBytes)} used`;
  return (
    <Card>
      <CardHeader>
        <CardTitle>File storage</CardTitle>
        <CardDescription>
          Invoices, photos, contracts and other files attached to records. An upload that would go over the
          quota is refused; deleting files frees their space.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid max-w-md gap-2">
        <div className="flex items-baseline justify-between gap-4 text-sm">
          <span className="font-medium">{summary}</span>
          <span className="text-muted-foreground">
            {formatCount(usage.files)} {usage.files === 1 ? "file" : "files"}
          </span>
        </div>
        <meter
          className="sr-only"
          aria-label="File storage used"
          min={0}
          max={usage.quotaBytes}
          high={usage.quotaBytes * WARN_AT}
          value={usage.usedBytes}
          aria-valuetext={summary}
        />
        <div aria-hidden className="h-2.5 overflow-hidden rounded-full bg-muted">
          <div
            className={cn("h-full rounded-full", share >= WARN_AT ? "bg-destructive" : "bg-primary")}
            style={{ width: `${share * 100}%` }}
          />
        </div>
        {share >= WARN_AT ? (
          <p className="text-sm text-destructive">
            Storage is nearly full: delete files nobody needs, or ask for a larger quota.
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
