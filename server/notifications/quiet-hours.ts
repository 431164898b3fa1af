/** A user's quiet hours: "HH:MM" wall-clock times in their IANA time zone; start > end spans midnight. */
export type QuietHours = { start: string; end: string; timeZone: string };

const MINUTE_MS = 60_000;

function minutesOf(hhmm: string): number {
  const [hours = 0, minutes = 0] = hhmm.split(":").map(Number);
  return hours * 60 + minutes;
}

/** The wall-clock time of `instant` in `timeZone`, in minutes after midnight. */
function wallMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(instant);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return value("hour") * 60 + value("minute");
}

function isQuiet(minute: number, start: number, end: number): boolean {
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * When a non-urgent notification may go out: null when now is outside the user's quiet hours,
 * else the first instant at which they end, in the user's zone. Walking forward minute by minute
 * from the next whole minute (at most a day) finds the end whatever the daylight-saving change in
 * between: a wall-clock end that does not exist that night (skipped by a spring-forward) is passed
 * at the first instant after it, and one that happens twice (fall-back) at its first occurrence.
 */
export function quietHoursEnd(now: Date, quiet: QuietHours | null): Date | null {
  if (!quiet) return null;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (!isQuiet(wallMinutes(now, quiet.timeZone), start, end)) return null;
  let candidate = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
  for (let step = 0; step < 26 * 60; step += 1) {
    if (!isQuiet(wallMinutes(candidate, quiet.timeZone), start, end)) return candidate;
    candidate = new Date(candidate.getTime() + MINUTE_MS);
  }
  return null;
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}
