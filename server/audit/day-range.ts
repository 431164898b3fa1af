/**
 * Date filters are whole days as the person choosing them sees them: "from 3 March to 5 March"
 * in Europe/Paris means 3 March 00:00 Paris time up to (not including) 6 March 00:00 Paris time.
 */
export const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isValidDay(day: string): boolean {
  if (!ISO_DAY.test(day)) return false;
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const parsed = new Date(Date.UTC(year, month - 1, date));
  return (
    parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === date
  );
}

/**
 * Zones found valid so far. Building an Intl.DateTimeFormat costs ~0.2 ms of CPU, and every form
 * with dates validates the viewer's zone: with todayIn's, a third of terminate-employee's own CPU
 * in bench/workflows' profile.
 * Only valid names are kept, and only so many (names are case-insensitive, so spellings are many).
 */
const validZones = new Set<string>();
const MAX_VALID_ZONES = 1_000;

export function isValidTimeZone(timeZone: string): boolean {
  if (validZones.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    return false;
  }
  if (validZones.size < MAX_VALID_ZONES) validZones.add(timeZone);
  return true;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(instant))
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  const wallClock = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wallClock - Math.floor(instant / 1000) * 1000;
}

/** The instant a calendar day begins in a time zone (its first existing minute on DST days). */
export function startOfDay(day: string, timeZone: string): Date {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const midnight = Date.UTC(year, month - 1, date);
  const dayMs = 86_400_000;
  // The offset may change once around midnight (DST): try the offsets on either side.
  const offsetBefore = zoneOffset(midnight - dayMs, timeZone);
  const offsetAfter = zoneOffset(midnight + dayMs, timeZone);
  const candidates = [midnight - offsetBefore, midnight - offsetAfter];
  const valid = candidates.filter((instant) => instant + zoneOffset(instant, timeZone) === midnight);
  // Midnight happening twice -> the earlier one; midnight skipped -> the moment clocks jumped.
  return new Date(valid.length > 0 ? Math.min(...valid) : midnight - offsetBefore);
}

export function nextDay(day: string): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/** [start, end) of the inclusive day range; either side may be open. */
export function dayRange(
  range: { from?: string; to?: string },
  timeZone: string,
): { start?: Date; end?: Date } {
  return {
    start: range.from ? startOfDay(range.from, timeZone) : undefined,
    end: range.to ? startOfDay(nextDay(range.to), timeZone) : undefined,
  };
}
