/**
 * The organization's currency: an ISO 4217 code the runtime can format. New tenants take it from
 * the sign-up locale's region ("en-GB" -> GBP, "de-DE" -> EUR); a locale with no region, or a
 * region not listed, keeps USD, what the screens assumed before a tenant had a currency.
 */
export const DEFAULT_CURRENCY = "USD";

/** The currencies offered in Settings: the ones people most often keep books in, then USD's peers. */
export const currencies = [
  "USD",
  "EUR",
  "GBP",
  "CAD",
  "AUD",
  "NZD",
  "CHF",
  "JPY",
  "CNY",
  "INR",
  "SGD",
  "HKD",
  "SEK",
  "NOK",
  "DKK",
  "PLN",
  "CZK",
  "BRL",
  "MXN",
  "ZAR",
  "AED",
  "ILS",
  "KRW",
] as const;
export type Currency = (typeof currencies)[number];

const euroRegions = [
  "AT",
  "BE",
  "CY",
  "DE",
  "EE",
  "ES",
  "FI",
  "FR",
  "GR",
  "HR",
  "IE",
  "IT",
  "LT",
  "LU",
  "LV",
  "MT",
  "NL",
  "PT",
  "SI",
  "SK",
];

const currencyByRegion: Record<string, Currency> = {
  ...Object.fromEntries(euroRegions.map((region) => [region, "EUR" as const])),
  US: "USD",
  GB: "GBP",
  CA: "CAD",
  AU: "AUD",
  NZ: "NZD",
  CH: "CHF",
  LI: "CHF",
  JP: "JPY",
  CN: "CNY",
  IN: "INR",
  SG: "SGD",
  HK: "HKD",
  SE: "SEK",
  NO: "NOK",
  DK: "DKK",
  PL: "PLN",
  CZ: "CZK",
  BR: "BRL",
  MX: "MXN",
  ZA: "ZAR",
  AE: "AED",
  IL: "ILS",
  KR: "KRW",
};

function regionOf(tag: string): string | undefined {
  try {
    return new Intl.Locale(tag).region;
  } catch {
    return undefined; // not a locale tag; browsers send only valid ones
  }
}

export const isCurrency = (code: string): code is Currency =>
  (currencies as readonly string[]).includes(code);

/**
 * The currency for a browser's Accept-Language header (or one locale): the first listed locale
 * that names a region we know. "fr-CH,fr;q=0.9" -> CHF; "en" alone -> USD.
 */
export function currencyForLocale(acceptLanguage: string | null | undefined): Currency {
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.split(";")[0]?.trim();
    if (!tag || tag === "*") continue;
    // Only a stated region counts: "de" alone may be Austria, Germany or Switzerland.
    const region = regionOf(tag);
    const currency = region ? currencyByRegion[region] : undefined;
    if (currency) return currency;
  }
  return DEFAULT_CURRENCY;
}
