import { isValidTimeZone } from "@/server/audit/day-range";

/** The cookie in which the browser reports its time zone, so server-rendered times use it too. */
export const TIME_ZONE_COOKIE = "tz";

/** The zone a cookie names, if it is one Intl knows; UTC otherwise (first visit, a forged value). */
export const timeZoneFromCookie = (value: string | undefined): string =>
  value && isValidTimeZone(value) ? value : "UTC";
