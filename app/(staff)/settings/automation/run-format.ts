export const runStatusBadge = {
  queued: "outline",
  running: "warning",
  sleeping: "secondary",
  completed: "success",
  failed: "destructive",
  cancelled: "secondary",
  skipped: "secondary",
} as const;

export function formatDuration(start: Date | null, end: Date | null): string {
  if (!start) return "—";
  const ms = (end ?? new Date()).getTime() - start.getTime();
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

const statusWords = {
  queued: "waiting to start",
  running: "in progress",
  sleeping: "waiting",
  completed: "done",
  failed: "failed",
  cancelled: "cancelled",
  skipped: "skipped",
} as const;

type SummarizedRun = {
  status: keyof typeof statusWords;
  error: { message: string } | null;
  triggerEventName: string;
  trigger: { subject: { label: string | null }; actorLabel: string | null } | null;
};

/**
 * A run in an admin's words: what it was about and how it went, "Import of assets.csv failed:
 * Row 3 has no name". The record comes from the trigger event; without one, the event itself.
 */
export function runHeadline(run: SummarizedRun, humanize: (eventName: string) => string): string {
  const about = run.trigger?.subject.label ?? humanize(run.triggerEventName);
  const outcome = `${about} ${statusWords[run.status]}`;
  return run.status === "failed" && run.error ? `${outcome}: ${run.error.message}` : outcome;
}

/** Why the run happened: "because Asset import confirmed by Dana Admin". */
export function runReason(run: SummarizedRun, humanize: (eventName: string) => string): string {
  const by = run.trigger?.actorLabel ? ` by ${run.trigger.actorLabel}` : "";
  return `because ${humanize(run.triggerEventName)}${by}`;
}
