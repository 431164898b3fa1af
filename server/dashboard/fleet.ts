/**
 * What the dashboard counts, and how the grouped rows from queries.ts become its figures. Pure
 * (no database), so the browser can import the definitions the cards link with.
 */
import { type StatusKind, statusKinds } from "../assets/lifecycle";
import type { ActivityType, AssetActivityWeek, AssetOverview } from "./schemas";

/** Assets still owned: everything but disposed. The total, the charts and the money count these. */
export const fleetKinds = statusKinds.filter((kind) => kind !== "disposed");
/** Assets a warranty still matters for: not lost, stolen, retired or disposed. */
export const inServiceKinds = [
  "on_order",
  "in_stock",
  "assigned",
  "in_repair",
] as const satisfies StatusKind[];
/** One of the asset list's warranty windows (app/(staff)/assets/list-params.ts), so the card can link to it. */
export const WARRANTY_WINDOW_DAYS = 90;
export const TOP_CATEGORIES = 8;
export const ACTIVITY_WEEKS = 12;

/** One row of the fleet query: the tenant's assets of one status kind in one category. */
export type FleetGroup = {
  kind: StatusKind;
  categoryId: string;
  categoryName: string;
  count: number;
  costCents: number;
  bookCents: number;
  warrantyExpiring: number;
};

const sum = <T>(rows: readonly T[], pick: (row: T) => number) => rows.reduce((n, row) => n + pick(row), 0);
/** Whole cents as a decimal string, without a float in between: 123456 -> "1234.56". */
export const centsToMoney = (cents: number) =>
  `${Math.trunc(cents / 100)}.${String(Math.abs(cents % 100)).padStart(2, "0")}`;

export function summarizeFleet(groups: readonly FleetGroup[]): AssetOverview {
  const fleet = groups.filter((group) => group.kind !== "disposed");
  const categories = new Map<string, { id: string; name: string; count: number }>();
  for (const group of fleet) {
    const category = categories.get(group.categoryId);
    if (category) category.count += group.count;
    else
      categories.set(group.categoryId, {
        id: group.categoryId,
        name: group.categoryName,
        count: group.count,
      });
  }
  const ranked = [...categories.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  // A single leftover category is shown by name: an "Other" bar hiding one name helps nobody.
  const top = ranked.length > TOP_CATEGORIES + 1 ? ranked.slice(0, TOP_CATEGORIES) : ranked;
  const rest = ranked.slice(top.length);
  const inService = new Set<StatusKind>(inServiceKinds);
  return {
    total: sum(fleet, (group) => group.count),
    disposed: sum(
      groups.filter((group) => group.kind === "disposed"),
      (group) => group.count,
    ),
    byKind: fleetKinds.map((kind) => ({
      kind,
      count: sum(
        fleet.filter((group) => group.kind === kind),
        (group) => group.count,
      ),
    })),
    byCategory: rest.length
      ? [...top, { id: null, name: "Other", count: sum(rest, (category) => category.count) }]
      : top,
    warrantyExpiring: sum(
      fleet.filter((group) => inService.has(group.kind)),
      (group) => group.warrantyExpiring,
    ),
    purchaseCost: centsToMoney(sum(fleet, (group) => group.costCents)),
    bookValue: centsToMoney(sum(fleet, (group) => group.bookCents)),
  };
}

const DAY = 86_400_000;
const isoDay = (epochDay: number) => new Date(epochDay * DAY).toISOString().slice(0, 10);

/** The Mondays (UTC) of the last `count` weeks, oldest first; the last is this week's. */
export function activityWeeks(now: Date, count = ACTIVITY_WEEKS): string[] {
  const today = Math.floor(now.getTime() / DAY);
  const monday = today - ((new Date(today * DAY).getUTCDay() + 6) % 7);
  return Array.from({ length: count }, (_, i) => isoDay(monday - 7 * (count - 1 - i)));
}

/** Every week of `weeks`, with zeros where nothing happened. */
export function fillActivityWeeks(
  weeks: readonly string[],
  rows: ReadonlyArray<{ weekStart: string; type: ActivityType; count: number }>,
): AssetActivityWeek[] {
  return weeks.map((weekStart) => {
    const week: AssetActivityWeek = { weekStart, assignment: 0, return: 0, repair_start: 0, retire: 0 };
    for (const row of rows) if (row.weekStart === weekStart) week[row.type] += row.count;
    return week;
  });
}
