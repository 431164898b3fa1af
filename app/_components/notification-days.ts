import { formatDay } from "@/app/_lib/format";

type Day<Item> = { day: string; items: Item[] };

/**
 * Pages of the list, fetched one after another, as one list of days: a day cut by a page boundary
 * is shown once, and a notification that moved from one page to the next between two fetches is
 * shown once.
 */
export function mergeDays<Item extends { id: string }>(
  pages: ReadonlyArray<ReadonlyArray<Day<Item>>>,
): Day<Item>[] {
  const seen = new Set<string>();
  const merged: Day<Item>[] = [];
  for (const { day, items } of pages.flat()) {
    const fresh = items.filter((item) => !seen.has(item.id));
    for (const item of fresh) seen.add(item.id);
    if (fresh.length === 0) continue;
    const last = merged.at(-1);
    if (last?.day === day) last.items.push(...fresh);
    else merged.push({ day, items: [...fresh] });
  }
  return merged;
}

const DAY_MS = 86_400_000;

/** "2026-12-05" as the viewer's own calendar day, in `timeZone`. */
export const todayIn = (timeZone: string, now = Date.now()): string =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    now,
  );

/** A day's heading in the list: "Today", "Yesterday", else the date ("Dec 3, 2026"). */
export function dayHeading(day: string, today: string): string {
  const daysAgo = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / DAY_MS);
  if (daysAgo === 0) return "Today";
  if (daysAgo === 1) return "Yesterday";
  return formatDay(day);
}
