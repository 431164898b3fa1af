import { isValidTimeZone } from "../audit/day-range";
import { safeString } from "./primitives";

/**
 * "Today" is a calendar day in someone's zone, not in UTC: at 8 AM in Tokyo it is already a day
 * later than in London. A check told the person's zone uses their today; a check told none (an API
 * caller, automation) is lenient rather than wrong, refusing only a day that is in the future (or
 * the past) everywhere on Earth.
 */

/** UTC+14, whose calendar runs ahead of every other: its today is the latest one anywhere. */
const LATEST_ZONE = "Pacific/Kiritimati";
/** UTC-12, whose calendar runs behind every other: its today is the earliest one anywhere. */
const EARLIEST_ZONE = "Etc/GMT+12";

/** One day formatter per zone (each costs ~0.2 ms of CPU to build), bounded like isValidTimeZone's. */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
const MAX_DAY_FORMATTERS = 1_000;

/** "2026-12-05": the calendar day it is at `now` in `timeZone`. */
export function todayIn(timeZone: string, now: Date | number = Date.now()): string {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    if (dayFormatters.size < MAX_DAY_FORMATTERS) dayFormatters.set(timeZone, formatter);
  }
  return formatter.format(now);
}

/** Whether `day` (YYYY-MM-DD) has not come yet for a person in `timeZone`, or anywhere without one. */
export const isFutureDay = (day: string, timeZone?: string, now: Date | number = Date.now()): boolean =>
  day > todayIn(timeZone ?? LATEST_ZONE, now);

/** Whether `day` (YYYY-MM-DD) has gone by for a person in `timeZone`, or everywhere without one. */
export const isPastDay = (day: string, timeZone?: string, now: Date | number = Date.now()): boolean =>
  day < todayIn(timeZone ?? EARLIEST_ZONE, now);

/** The IANA zone a form's dates are meant in (the viewer's, from useTimeZone()). */
export const timeZone = () =>
  safeString()
    .trim()
    .max(100, "Unknown time zone; use an IANA name like Europe/Paris")
    .refine(isValidTimeZone, "Unknown time zone; use an IANA name like Europe/Paris");
