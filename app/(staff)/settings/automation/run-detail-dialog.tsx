"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { RotateCcw } from "lucide-react";
import { toast } from "sonner";
import { DateTime } from "@/app/_components/time-zone";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/app/_components/ui/dialog";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { humanizeEventName } from "@/app/_lib/format";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import { formatDuration, runStatusBadge } from "./run-format";

const json = (value: unknown) => JSON.stringify(value, null, 2);

export function RunDetailDialog({
  runId,
  canRetry,
  onClose,
}: {
  runId: string;
  canRetry: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: run, isPending } = useQuery({
    ...trpc.automation.run.queryOptions({ runId }),
    refetchInterval: 3000,
  });
  const retry = useMutation(
    trpc.automation.retry.mutationOptions({
      onSuccess: () => {
        notifySuccess("run-retried", "Run queued again");
        void queryClient.invalidateQueries({ queryKey: trpc.automation.pathKey() });
      },
      onError: (error) => toast.error(error.message),
    }),
  );

  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent className="max-h-[85dvh] overflow-y-auto sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Run details</DialogTitle>
          <DialogDescription>
            {run ? `${run.functionId} · triggered by ${humanizeEventName(run.triggerEventName)}` : "Loading…"}
          </DialogDescription>
        </DialogHeader>
        {isPending || !run ? (
          <Skeleton className="h-40" />
        ) : (
          <div className="grid gap-4 text-sm">
            <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-1">
              <dt className="text-muted-foreground">Status</dt>
              <dd>
                <Badge variant={runStatusBadge[run.status]}>{run.status}</Badge>
              </dd>
              <dt className="text-muted-foreground">Attempt</dt>
              <dd>
                {run.attempt + 1} of {run.maxAttempts}
              </dd>
              <dt className="text-muted-foreground">Started</dt>
              <dd>
                <DateTime value={run.startedAt} />
              </dd>
              <dt className="text-muted-foreground">Duration</dt>
              <dd>{formatDuration(run.startedAt, run.finishedAt)}</dd>
              {run.batchEventIds ? (
                <>
                  <dt className="text-muted-foreground">Events</dt>
                  <dd>
                    <details>
                      <summary className="cursor-pointer">{run.batchEventIds.length} in this batch</summary>
                      <ul aria-label="Events in this batch" className="mt-1 grid gap-0.5 font-mono text-xs">
                        {run.batchEventIds.map((id) => (
                          <li key={id}>{id}</li>
                        ))}
                      </ul>
                    </details>
                  </dd>
                </>
              ) : (
                <>
                  <dt className="text-muted-foreground">Event id</dt>
                  <dd className="font-mono text-xs">{run.triggerEventId}</dd>
                </>
              )}
            </dl>
            {run.error ? (
              <p role="alert" className="rounded-md border border-destructive/50 px-3 py-2 text-destructive">
                <strong>{run.error.name}:</strong> {run.error.message}
              </p>
            ) : null}
            <section aria-label="Step log">
              <h3 className="mb-2 font-medium">Steps</h3>
              {run.steps.length === 0 ? (
                <p className="text-muted-foreground">No step has run yet.</p>
              ) : (
                <ol className="grid gap-2">
                  {run.steps.map((step) => (
                    <li
                      key={`${step.stepId}-${step.createdAt.toISOString()}`}
                      className="rounded-md border p-3"
                    >
                      <div className="flex flex-wrap items-center justify-between gap-2">
                        <span className="font-medium">{step.name}</span>
                        <span className="flex items-center gap-2 text-xs text-muted-foreground">
                          {step.op}
                          {step.attempts > 1 ? ` · ${step.attempts} attempts` : ""}
                          {step.discarded ? <Badge variant="outline">replaced by retry</Badge> : null}
                        </span>
                      </div>
                      {step.error ? <p className="mt-1 text-destructive">{step.error.message}</p> : null}
                      {step.data !== null && step.data !== undefined ? (
                        <pre className="mt-2 max-h-40 overflow-auto rounded bg-muted p-2 text-xs">
                          {json(step.data)}
                        </pre>
                      ) : null}
                    </li>
                  ))}
                </ol>
              )}
            </section>
            {run.output !== null && run.output !== undefined ? (
              <section aria-label="Output">
                <h3 className="mb-2 font-medium">Output</h3>
                <pre className="max-h-40 overflow-auto rounded bg-muted p-2 text-xs">{json(run.output)}</pre>
              </section>
            ) : null}
          </div>
        )}
        <DialogFooter>
          {canRetry && run?.status === "failed" ? (
            <Button onClick={() => retry.mutate({ runId })} disabled={retry.isPending}>
              <RotateCcw aria-hidden /> Retry run
            </Button>
          ) : null}
          <Button variant="outline" onClick={onClose}>
            Close
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
