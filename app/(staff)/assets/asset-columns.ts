/**
 * The asset list's optional columns. Tag and name always show: they are how a row is known, and
 * on a phone they are what stays on screen while the rest scrolls sideways.
 */
export const optionalColumns = [
  { key: "status", label: "Status" },
  { key: "holder", label: "Assigned to" },
  { key: "location", label: "Location" },
  { key: "cost", label: "Cost" },
  { key: "warranty", label: "Warranty ends" },
  { key: "purchased", label: "Purchased" },
  { key: "added", label: "Added" },
  // off by default: only tenants running the agent have check-ins to show
  { key: "last_seen", label: "Last seen" },
] as const;
export type ColumnKey = (typeof optionalColumns)[number]["key"];

export const defaultColumns: readonly ColumnKey[] = [
  "status",
  "holder",
  "location",
  "warranty",
  "purchased",
  "added",
];

const isColumnKey = (value: unknown): value is ColumnKey =>
  optionalColumns.some((column) => column.key === value);

/**
 * The columns a person chose, as stored in their browser; the defaults for nothing stored or
 * anything unreadable (an older version's names are dropped, not shown as blank columns).
 */
export function parseColumns(stored: string | null): ColumnKey[] {
  if (!stored) return [...defaultColumns];
  try {
    const parsed: unknown = JSON.parse(stored);
    if (!Array.isArray(parsed)) return [...defaultColumns];
    return optionalColumns
      .map((column) => column.key)
      .filter((key) => parsed.includes(key) && isColumnKey(key));
  } catch {
    return [...defaultColumns];
  }
}
