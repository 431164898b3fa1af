const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/**
 * Instants are always shown in a time zone the caller names (the viewer's, from useTimeZone in
 * app/_components/time-zone.tsx), never the zone of whichever machine renders them: a page
 * rendered on the server and one rendered in the browser must agree. Times of day carry the
 * zone's name ("Dec 5, 2026, 1:30 AM PST"), so a time read aloud or pasted elsewhere is not
 * ambiguous.
 */
const formats = {
  "date-time": [
    "en",
    {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
      timeZoneName: "short",
    },
  ],
  date: ["en", { dateStyle: "medium" }],
  /** For day arithmetic: en-CA writes days as 2026-01-31. */
  "iso-day": ["en-CA", { year: "numeric", month: "2-digit", day: "2-digit" }],
} as const satisfies Record<string, readonly [string, Intl.DateTimeFormatOptions]>;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(kind: keyof typeof formats, timeZone: string): Intl.DateTimeFormat {
  const key = `${kind} ${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const [locale, options] = formats[kind];
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** "Dec 5, 2026, 1:30 AM PST": an instant in `timeZone`, labelled with the zone. */
export const formatDateTime = (value: Date | string | null | undefined, timeZone: string): string =>
  value ? formatterFor("date-time", timeZone).format(new Date(value)) : "—";
/** "Dec 5, 2026": the day an instant falls on in `timeZone`. */
export const formatDate = (value: Date | string | null | undefined, timeZone: string): string =>
  value ? formatterFor("date", timeZone).format(new Date(value)) : "—";

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

const DAY = 86_400_000;
/**
 * Whole days from the viewer's today (in `timeZone`) to an ISO date: negative when it has passed.
 * A warranty ending on the 5th has 0 days left all of the 5th where the viewer is, not in London.
 */
export function daysUntil(isoDate: string, timeZone: string, now = Date.now()): number {
  const today = Date.parse(`${formatterFor("iso-day", timeZone).format(now)}T00:00:00Z`) / DAY;
  return Math.floor(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / DAY) - today;
}

const day = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
/** A calendar date ("2026-01-31") as written, whatever the viewer's time zone. */
export const formatDay = (value: string | null | undefined): string =>
  value ? day.format(new Date(`${value.slice(0, 10)}T00:00:00Z`)) : "—";
