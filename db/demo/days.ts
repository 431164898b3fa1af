/** A calendar day as PostgreSQL's date columns hold it: "2026-01-31". */
export type Day = string;

const MS_PER_DAY = 86_400_000;

export const dayOf = (date: Date): Day => date.toISOString().slice(0, 10);

export const addDays = (day: Day, days: number): Day =>
  dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + days * MS_PER_DAY));

export const addMonths = (day: Day, months: number): Day => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return dayOf(date);
};

export const daysBetween = (from: Day, to: Day): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);

/** An instant on that day, `minutes` after midnight UTC (office hours are 16:00-01:00 UTC in SF). */
export const instantOn = (day: Day, minutes: number): Date =>
  new Date(Date.parse(`${day}T00:00:00Z`) + minutes * 60_000);

export const later = (a: Day, b: Day): Day => (a > b ? a : b);
