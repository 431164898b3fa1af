export const runStatusBadge = {
  queued: "outline",
  running: "warning",
  sleeping: "secondary",
  completed: "success",
  failed: "destructive",
  cancelled: "secondary",
} as const;

export function formatDuration(start: Date | null, end: Date | null): string {
  if (!start) return "—";
  const ms = (end ?? new Date()).getTime() - start.getTime();
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}
