"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ChevronLeft } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/app/_components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { PageHeader } from "@/app/_components/ui/page-header";
import { formatCount, humanizeEventName } from "@/app/_lib/format";
import { useTRPC } from "@/app/_trpc/client";
import { RunDetailDialog } from "@/app/(staff)/settings/automation/run-detail-dialog";
import { EventNode } from "./chain-tree";

/**
 * "Why did this happen?": the chain an audit entry belongs to, from the change that started it
 * through every automation it triggered and what each one recorded, with each run's details.
 */
export function ChainView({ eventId, canRetryRuns }: { eventId: string; canRetryRuns: boolean }) {
  const trpc = useTRPC();
  const { data: chain } = useSuspenseQuery(trpc.audit.chain.queryOptions({ eventId }));
  const [openRun, setOpenRun] = useState<string | null>(null);
  const cut = chain.eventCount > chain.shown;

  return (
    <div className="grid gap-6">
      <Link
        href="/audit"
        className="inline-flex w-fit items-center gap-1 rounded-sm text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
      >
        <ChevronLeft aria-hidden className="size-4" /> Audit log
      </Link>
      <PageHeader
        title="Why it happened"
        description="The change that started this chain, each automation it triggered, and what each one recorded, in the order it happened."
      />
      {cut ? (
        <Alert role="status">
          <AlertTitle>
            Showing the first {formatCount(chain.shown)} of {formatCount(chain.eventCount)} events
          </AlertTitle>
          <AlertDescription>
            Chains longer than {formatCount(chain.limit)} events are cut here. The rest are in the audit log:
            filter it by event type or record to find them.
          </AlertDescription>
        </Alert>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Started by {humanizeEventName(chain.root.event.name).toLowerCase()}</h2>
          </CardTitle>
          <CardDescription>
            {formatCount(chain.eventCount)} {chain.eventCount === 1 ? "event" : "events"} in this chain
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ol aria-label="Causal chain" className="grid gap-3">
            <EventNode node={chain.root} level={3} focusId={eventId} onOpenRun={setOpenRun} />
          </ol>
        </CardContent>
      </Card>
      {openRun ? (
        <RunDetailDialog runId={openRun} canRetry={canRetryRuns} onClose={() => setOpenRun(null)} />
      ) : null}
    </div>
  );
}
