const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
const date = new Intl.DateTimeFormat("en", { dateStyle: "medium" });
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

export const formatDateTime = (value: Date | string | null | undefined): string =>
  value ? dateTime.format(new Date(value)) : "—";
export const formatDate = (value: Date | string | null | undefined): string =>
  value ? date.format(new Date(value)) : "—";

/** "3 minutes ago", "yesterday"… */
export function formatRelative(value: Date | string, now = Date.now()): string {
  const seconds = Math.round((new Date(value).getTime() - now) / 1000);
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ["year", 31536000],
    ["month", 2592000],
    ["week", 604800],
    ["day", 86400],
    ["hour", 3600],
    ["minute", 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

/** "user.role_changed" -> "User role changed" */
export const humanizeEventName = (name: string): string => {
  const text = name.replace(/[._]/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
};

const count = new Intl.NumberFormat("en");
/** 1234 -> "1,234" */
export const formatCount = (value: number): string => count.format(value);
/** 1, 50 -> "1–50" (an en dash, as ranges are written) */
export const formatRange = (from: number, to: number): string => `${count.format(from)}–${count.format(to)}`;

const money = new Intl.NumberFormat("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** "1299.5" -> "1,299.50"; amounts carry no currency (the tenant keeps one). */
export const formatMoney = (value: string | number | null | undefined): string =>
  value === null || value === undefined || value === "" ? "—" : money.format(Number(value));

const DAY = 86_400_000;
/** Whole days from today (UTC) to an ISO date: negative when it has passed. */
export function daysUntil(isoDate: string, now = Date.now()): number {
  const today = Math.floor(now / DAY);
  return Math.floor(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / DAY) - today;
}

const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
/** A calendar date ("2026-01-31") as written, whatever the viewer's time zone. */
export const formatDay = (value: string | null | undefined): string =>
  value ? day.format(new Date(`${value.slice(0, 10)}T00:00:00Z`)) : "—";
