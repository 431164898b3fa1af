/**
 * Straight-line depreciation over the category's months, from the purchase date: the value falls
 * by cost / months at each full month and stops at zero. Money is handled in cents.
 */
export function bookValue(
  cost: string | number | null,
  purchaseDate: string | Date | null,
  months: number | null,
  today = new Date(),
): number | null {
  if (cost === null || purchaseDate === null || !months) return cost === null ? null : Number(cost);
  const purchased = new Date(purchaseDate);
  const elapsed =
    (today.getUTCFullYear() - purchased.getUTCFullYear()) * 12 +
    (today.getUTCMonth() - purchased.getUTCMonth()) -
    (today.getUTCDate() < purchased.getUTCDate() ? 1 : 0);
  const cents = Math.round(Number(cost) * 100);
  const remaining = Math.max(0, cents - Math.floor((cents * Math.max(0, elapsed)) / months));
  return remaining / 100;
}
