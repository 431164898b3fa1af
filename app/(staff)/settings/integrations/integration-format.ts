/**
 * How integrations and their runs read on the settings pages: labels, badge colours, durations,
 * progress and the per-day figures behind the health chart. Pure, so the rules are unit-tested
 * (integration-format.test.ts) and the same on the list, the integration page and the run page.
 */
import { formatCount } from "@/app/_lib/format";

export const healthStates = ["healthy", "failing", "never_run", "disabled"] as const;
export type Health = (typeof healthStates)[number];

/** A health badge says what it means in words; the colour only repeats it. */
export const healthBadges: Record<
  Health,
  { label: string; variant: "success" | "destructive" | "secondary" | "outline" }
> = {
  healthy: { label: "Healthy", variant: "success" },
  failing: { label: "Failing", variant: "destructive" },
  never_run: { label: "Never synced", variant: "secondary" },
  disabled: { label: "Disabled", variant: "outline" },
};

export const runStatuses = ["queued", "running", "succeeded", "failed", "partial"] as const;
export type RunStatus = (typeof runStatuses)[number];

export const runStatusBadges: Record<
  RunStatus,
  { label: string; variant: "success" | "destructive" | "warning" | "secondary" | "outline" }
> = {
  queued: { label: "Queued", variant: "outline" },
  running: { label: "Running", variant: "secondary" },
  succeeded: { label: "Succeeded", variant: "success" },
  partial: { label: "Finished with errors", variant: "warning" },
  failed: { label: "Failed", variant: "destructive" },
};

/** A run that will not change any more. */
export const isFinished = (status: RunStatus): boolean =>
  status === "succeeded" || status === "failed" || status === "partial";

export const schedules = ["hourly", "daily", "manual"] as const;
export type Schedule = (typeof schedules)[number];
export const scheduleLabels: Record<Schedule, string> = {
  hourly: "Every hour",
  daily: "Once a day",
  manual: "Only when someone presses Sync now",
};

export const fieldPolicies = ["provider_wins", "keep_local_edits"] as const;
export type FieldPolicy = (typeof fieldPolicies)[number];
export const fieldPolicyChoices: Record<FieldPolicy, { label: string; hint: string }> = {
  provider_wins: {
    label: "The HR system wins",
    hint: "A local edit to a field the HR system owns is overwritten by the next sync.",
  },
  keep_local_edits: {
    label: "Keep local edits",
    hint: "A field edited here stays as an override; later syncs leave it alone.",
  },
};

export const triggerLabels = { schedule: "Scheduled", manual: "Sync now", retry: "Retry" } as const;
export type Trigger = keyof typeof triggerLabels;

/** "Scheduled", or "Sync now by Ada Admin" when a person asked for it. */
export function triggerText(trigger: Trigger, requestedBy: string | null): string {
  const label = triggerLabels[trigger] ?? trigger;
  return requestedBy && trigger !== "schedule" ? `${label} by ${requestedBy}` : label;
}

/** 850 -> "850 ms", 12_340 -> "12.3 s", 125_000 -> "2 min 5 s", 3_780_000 -> "1 h 3 min". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) {
    const rest = seconds % 60;
    return rest ? `${Math.floor(seconds / 60)} min ${rest} s` : `${seconds / 60} min`;
  }
  const minutes = Math.round(seconds / 60);
  const rest = minutes % 60;
  return rest ? `${Math.floor(minutes / 60)} h ${rest} min` : `${minutes / 60} h`;
}

/** 0.9666 -> "97%"; null (no finished runs yet) -> "—". */
export const formatRate = (rate: number | null | undefined): string =>
  rate === null || rate === undefined ? "—" : `${Math.round(rate * 100)}%`;

export type RunCounts = {
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
  total: number | null;
};

/** Records a run has dealt with so far, whatever became of them. */
export const processedCount = (run: RunCounts): number =>
  run.added + run.updated + run.unchanged + run.skipped + run.failed;

/**
 * Progress of a run as a progressbar reads it: processed of total. The provider does not always
 * say how many there are (null or 0): then there is no maximum, and the bar is indeterminate.
 */
export function progressOf(run: RunCounts): { value: number; max: number | null; percent: number | null } {
  const value = processedCount(run);
  if (!run.total) return { value, max: null, percent: null };
  const max = Math.max(run.total, value);
  return { value, max, percent: Math.round((value / max) * 100) };
}

/** "23 added, 2 updated, 1 failed" (only what happened; "no changes" when nothing did). */
export function countsSentence(run: RunCounts): string {
  const parts = (
    [
      ["added", run.added],
      ["updated", run.updated],
      ["unchanged", run.unchanged],
      ["skipped", run.skipped],
      ["failed", run.failed],
    ] as const
  )
    .filter(([, value]) => value > 0)
    .map(([label, value]) => `${formatCount(value)} ${label}`);
  return parts.length ? parts.join(", ") : "no changes";
}

export type HealthPoint = {
  runId: string;
  startedAt: Date | string;
  durationMs: number | null;
  status: RunStatus;
  added: number;
  updated: number;
  failed: number;
};

export type HealthDay = {
  /** The day in the viewer's zone, "2026-12-05". */
  day: string;
  succeeded: number;
  partial: number;
  failed: number;
  /** The longest finished run that day, in seconds (null when none finished). */
  longestSeconds: number | null;
  /** The average finished run that day, in seconds. */
  averageSeconds: number | null;
  records: number;
};

const isoDays = new Map<string, Intl.DateTimeFormat>();
/** The calendar day an instant falls on in `timeZone`, "2026-12-05". */
export function dayIn(instant: Date | string, timeZone: string): string {
  let format = isoDays.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      timeZone,
    });
    isoDays.set(timeZone, format);
  }
  return format.format(new Date(instant));
}

const DAY_MS = 86_400_000;
const roundSeconds = (ms: number) => Math.round(ms / 100) / 10;

/**
 * Runs per day for the health chart, from the first run's day to `today`, with the quiet days in
 * between as zeros so the time axis is even. Runs still going count nowhere (not finished yet).
 */
export function runsByDay(points: readonly HealthPoint[], timeZone: string, today: Date): HealthDay[] {
  if (points.length === 0) return [];
  const byDay = new Map<string, HealthDay & { durations: number[] }>();
  const empty = (day: string) => ({
    day,
    succeeded: 0,
    partial: 0,
    failed: 0,
    longestSeconds: null,
    averageSeconds: null,
    records: 0,
    durations: [] as number[],
  });
  for (const point of points) {
    if (point.status !== "succeeded" && point.status !== "partial" && point.status !== "failed") continue;
    const day = dayIn(point.startedAt, timeZone);
    const entry = byDay.get(day) ?? empty(day);
    entry[point.status] += 1;
    entry.records += point.added + point.updated;
    if (point.durationMs !== null) entry.durations.push(point.durationMs);
    byDay.set(day, entry);
  }
  if (byDay.size === 0) return [];
  const first = [...byDay.keys()].sort()[0] as string;
  const last = dayIn(today, timeZone);
  const days: HealthDay[] = [];
  for (
    let cursor = Date.parse(`${first}T00:00:00Z`);
    cursor <= Date.parse(`${last}T00:00:00Z`);
    cursor += DAY_MS
  ) {
    const day = new Date(cursor).toISOString().slice(0, 10);
    const { durations, ...entry } = byDay.get(day) ?? empty(day);
    days.push({
      ...entry,
      longestSeconds: durations.length ? roundSeconds(Math.max(...durations)) : null,
      averageSeconds: durations.length
        ? roundSeconds(durations.reduce((sum, value) => sum + value, 0) / durations.length)
        : null,
    });
  }
  return days;
}

type ProgressSnapshot = RunCounts & { status: RunStatus; pages: number };

const stage = (status: RunStatus): number => (isFinished(status) ? 2 : status === "running" ? 1 : 0);

/**
 * Of two views of one run (the live stream's and a refetch's), the one further along: finished
 * beats running beats queued, then more records processed, then more pages. Either may arrive late.
 */
export function furthestOf<T extends ProgressSnapshot>(
  a: T | null | undefined,
  b: T | null | undefined,
): T | null {
  if (!a) return b ?? null;
  if (!b) return a;
  if (stage(a.status) !== stage(b.status)) return stage(a.status) > stage(b.status) ? a : b;
  const byRecords = processedCount(a) - processedCount(b);
  if (byRecords !== 0) return byRecords > 0 ? a : b;
  return a.pages >= b.pages ? a : b;
}

/** What an admin can do about a failed run, by the kind of failure the adapter reported. */
export const errorKindAdvice: Record<string, string> = {
  auth: "The provider rejected the credentials. Replace them in the integration's settings, then sync again.",
  permission:
    "The credentials work but may not read employees. Give them the missing permission or scope at the provider.",
  not_found: "The company, subdomain or address was not found. Check the integration's options for a typo.",
  throttled:
    "The provider kept asking to slow down. The next sync resumes from the last page this one committed.",
  unavailable:
    "The provider could not be reached or answered with an error. The next sync resumes from the last page this one committed.",
  bad_response:
    "The provider answered with something that could not be read. The next sync tries again from the last committed page.",
};
