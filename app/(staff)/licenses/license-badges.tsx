"use client";

import { useTimeZone } from "@/app/_components/time-zone";
import { Badge } from "@/app/_components/ui/badge";
import { cn } from "@/app/_lib/cn";
import { daysUntil, formatDay } from "@/app/_lib/format";

/** Within this many days of its expiry a licence is flagged (the first expiry warning's threshold). */
const SOON_DAYS = 30;

/** The expiry day, with a badge when it has passed or is within 30 days (counted in the viewer's zone). */
export function ExpiryCell({ expiresOn }: { expiresOn: string | null }) {
  const timeZone = useTimeZone();
  if (!expiresOn) return <span className="text-muted-foreground">No expiry</span>;
  const days = daysUntil(expiresOn, timeZone);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span className="tabular-nums">{formatDay(expiresOn)}</span>
      {days < 0 ? (
        <Badge variant="destructive">Expired</Badge>
      ) : days <= SOON_DAYS ? (
        <Badge variant="warning">
          {days === 0 ? "Expires today" : `${days} ${days === 1 ? "day" : "days"} left`}
        </Badge>
      ) : null}
    </span>
  );
}

/**
 * Seats in use of the total as a small bar (a meter to assistive technology) with the figures
 * beside it; an unlimited licence shows its count only.
 */
export function SeatBar({ used, seats, name }: { used: number; seats: number | null; name: string }) {
  if (seats === null) {
    return (
      <span className="tabular-nums">
        {used} <span className="text-muted-foreground">/ unlimited</span>
      </span>
    );
  }
  const share = Math.min(used / seats, 1);
  const full = used >= seats;
  return (
    <span className="inline-flex items-center gap-2">
      <meter
        className="sr-only"
        aria-label={`Seats of ${name} in use`}
        min={0}
        max={seats}
        high={seats}
        value={used}
        aria-valuetext={`${used} of ${seats} seats in use`}
      />
      <span aria-hidden className="h-2 w-20 overflow-hidden rounded-full bg-muted">
        <span
          className={cn("block h-full rounded-full", full ? "bg-warning" : "bg-primary")}
          style={{ width: `${Math.round(share * 100)}%` }}
        />
      </span>
      <span className="tabular-nums">
        {used} / {seats}
      </span>
    </span>
  );
}
