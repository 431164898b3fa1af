/**
 * Times the SDK hands the engine: sleep targets (`"1w2d3h4m5s"` from timeStr, or an ISO date for
 * sleepUntil), `retry-after` (whole seconds, or an ISO date) and the retry backoff.
 * A `Due` is either relative (turned into `now() + ms` by the database, so replicas and the
 * database never disagree about the clock) or an absolute instant.
 */
export type Due = { afterMs: number } | { at: Date };

const units: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 };

export function parseDuration(text: string): number | null {
  if (text === "") return 0;
  if (!/^(\d+[wdhms])+$/.test(text)) return null;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)([wdhms])/g)) {
    total += Number(amount) * (units[unit as keyof typeof units] ?? 0);
  }
  return total;
}

/** The Sleep op's `name`: a duration or an instant. */
export function sleepDue(name: string): Due | null {
  const ms = parseDuration(name);
  if (ms !== null) return { afterMs: ms };
  const at = Date.parse(name);
  return Number.isNaN(at) ? null : { at: new Date(at) };
}

/** The `retry-after` header the SDK sets for a RetryAfterError. */
export function retryAfterDue(header: string | null): Due | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return { afterMs: Number(header.trim()) * 1000 };
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : { at: new Date(at) };
}

/** Exponential backoff before attempt `attempt` (1 = first retry): base, 2x base, 4x base, ... capped. */
export function backoffDue(attempt: number, baseMs: number, maxMs: number): Due {
  return { afterMs: Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1)) };
}
