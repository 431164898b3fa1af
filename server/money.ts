/**
 * Amounts as people read them, in the organization's currency (a tenant setting; amounts
 * themselves are plain numbers): for pages and for the notices the server writes alike.
 */
const moneyFormats = new Map<string, Intl.NumberFormat>();
function moneyFormat(currency: string, whole: boolean): Intl.NumberFormat {
  const key = `${currency}:${whole}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat("en", {
      style: "currency",
      currency,
      ...(whole ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {}),
    });
    moneyFormats.set(key, format);
  }
  return format;
}

const currencyNames = new Intl.DisplayNames(["en"], { type: "currency" });
/** "EUR" -> "Euro (EUR)": a currency as a person picks or reads it. */
export const currencyName = (code: string): string => `${currencyNames.of(code) ?? code} (${code})`;

/**
 * "1299.5", "EUR" -> "€1,299.50": an amount in the organization's currency (a tenant setting;
 * amounts themselves are plain numbers). `whole` rounds to units, for totals on the dashboard.
 */
export const formatMoney = (
  value: string | number | null | undefined,
  currency: string,
  { whole = false }: { whole?: boolean } = {},
): string =>
  value === null || value === undefined || value === ""
    ? "—"
    : moneyFormat(currency, whole).format(Number(value));
