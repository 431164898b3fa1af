"use client";

import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import { formatDate, formatDateTime } from "@/app/_lib/format";
import { TIME_ZONE_COOKIE } from "@/app/_lib/time-zone";

const TimeZoneContext = createContext("UTC");

/** The zone this browser shows times in (the operating system's setting, or Playwright's `timezoneId`). */
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Every time on a page is shown in the viewer's zone. The server renders with the zone the
 * browser last reported (a cookie; UTC before the first report) so the first paint matches what
 * hydration renders; once mounted, the browser's own zone takes over and is remembered for the
 * next server render.
 */
export function TimeZoneProvider({ initial, children }: { initial: string; children: ReactNode }) {
  const [timeZone, setTimeZone] = useState(initial);
  useEffect(() => {
    const viewer = browserTimeZone();
    if (viewer === initial) return;
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from Firefox and older Safari
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(viewer)}; path=/; max-age=31536000; samesite=lax`;
    setTimeZone(viewer);
  }, [initial]);
  return <TimeZoneContext value={timeZone}>{children}</TimeZoneContext>;
}

/** The IANA zone ("America/Los_Angeles") the viewer's times are shown in. */
export const useTimeZone = (): string => useContext(TimeZoneContext);

/**
 * An instant in the viewer's zone, as a `<time>` element: "Dec 5, 2026, 1:30 AM PST", or only
 * the day with `date`. The zone's full name is in the tooltip.
 */
export function DateTime({
  value,
  date = false,
}: {
  value: Date | string | null | undefined;
  date?: boolean;
}) {
  const timeZone = useTimeZone();
  if (!value) return <>—</>;
  const instant = new Date(value);
  return (
    <time dateTime={instant.toISOString()} title={`${formatDateTime(instant, timeZone)} (${timeZone})`}>
      {date ? formatDate(instant, timeZone) : formatDateTime(instant, timeZone)}
    </time>
  );
}
