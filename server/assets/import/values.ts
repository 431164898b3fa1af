/** Cell parsers for imported values: each returns the clean value, or null when the cell is not valid. */

const isoDay = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const slashedDay = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;

/** "2026-01-31" (or 2026/1/31, or an ISO date-time) -> "2026-01-31"; day/month orders are ambiguous and refused. */
export function parseDay(text: string): string | null {
  const match = isoDay.exec(text) ?? slashedDay.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  if (year < 1900 || year > 2200) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * An amount as spreadsheets write it: "1299", "1,299.50", "$1 299,50", "1.299,50" -> "1299.50".
 * The last `.` or `,` followed by one or two digits is the decimal separator; others group thousands.
 */
export function parseAmount(text: string): string | null {
  const cleaned = text.replace(/[\s\u00a0$€£¥]|[A-Z]{3}$/g, "");
  if (!/^\d[\d.,]*$/.test(cleaned)) return null;
  const decimal = /[.,](\d{1,2})$/.exec(cleaned);
  const whole = (decimal ? cleaned.slice(0, decimal.index) : cleaned).replace(/[.,]/g, "");
  if (!/^\d+$/.test(whole)) return null;
  const value = Number(`${whole}.${decimal?.[1] ?? "0"}`);
  if (!Number.isFinite(value) || value >= 1e12) return null;
  return value.toFixed(2);
}
