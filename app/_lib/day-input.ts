import { DAY_MAX, DAY_MIN } from "@/server/schemas/primitives";

/**
 * A day as the browser's date field writes it for `locale` ("01/31/2026" in en-US, "31/01/2026"
 * in en-GB), so a message about the field shows dates the way the field does.
 */
export function dayInFieldFormat(isoDay: string, locale: string): string {
  const [year, month, date] = isoDay.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    timeZone: "UTC",
  }).format(Date.UTC(year, month - 1, date));
}

/**
 * What is wrong with a date field, in the field's own format: a date the calendar does not have
 * (the browser then reports `badInput` and an empty value, which would otherwise save as no
 * date), or one outside the days the database keeps. Null when it is fine or blank.
 */
export function dayFieldProblem(field: { badInput: boolean; value: string }, locale: string): string | null {
  if (field.badInput) return `Enter a date that exists, like ${dayInFieldFormat("2026-01-31", locale)}`;
  if (field.value && (field.value < DAY_MIN || field.value > DAY_MAX)) {
    return `Use a date between ${dayInFieldFormat(DAY_MIN, locale)} and ${dayInFieldFormat(DAY_MAX, locale)}`;
  }
  return null;
}
