import { EXPIRY_THRESHOLDS } from "./schemas";

/**
 * The expiry warning a licence is due, `daysLeft` days before it expires: the tightest threshold
 * it is within (30, then 7), or null when it is further out or already expired. A licence first
 * seen 6 days out gets the 7-day warning alone, not the 30-day one late.
 */
export function expiryThresholdFor(daysLeft: number): number | null {
  if (daysLeft < 0) return null;
  const within = EXPIRY_THRESHOLDS.filter((threshold) => daysLeft <= threshold);
  return within.length > 0 ? Math.min(...within) : null;
}

/** The SQL twin's widest window: licences expiring within this many days are candidates. */
export const EXPIRY_WINDOW_DAYS = Math.max(...EXPIRY_THRESHOLDS);
