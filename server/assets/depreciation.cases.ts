/**
 * Book values both implementations must give on TODAY: `bookValue()` (depreciation.ts, the asset
 * page) and the dashboard's SQL (server/dashboard/queries.ts, fleetGroups). Shared by their tests.
 */
export const BOOK_VALUE_TODAY = "2026-11-24";

export const bookValueCases: ReadonlyArray<{
  cost: string;
  purchased: string;
  months: number;
  value: number;
}> = [
  { cost: "1200.00", purchased: "2026-11-01", months: 36, value: 1200 },
  { cost: "1200.00", purchased: "2025-11-24", months: 36, value: 800 },
  { cost: "1200.00", purchased: "2025-11-25", months: 36, value: 833.34 },
  { cost: "1200.00", purchased: "2023-01-01", months: 36, value: 0 },
  // depreciation is floored to whole cents, so the book value never drops below the exact figure
  { cost: "999.99", purchased: "2026-05-24", months: 12, value: 500 },
  // bought after today, and on a day number today's month has not reached yet
  { cost: "1200.00", purchased: "2026-12-01", months: 36, value: 1200 },
  { cost: "1200.00", purchased: "2026-10-31", months: 36, value: 1200 },
];
