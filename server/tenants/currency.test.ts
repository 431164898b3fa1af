import { describe, expect, it } from "vitest";
import { currencyForLocale } from "./currency";

describe("currencyForLocale", () => {
  it.each([
    ["en-US,en;q=0.9", "USD"],
    ["en-GB", "GBP"],
    ["de-DE,de;q=0.9,en;q=0.8", "EUR"],
    ["fr-CH,fr;q=0.9", "CHF"],
    ["ja-JP", "JPY"],
    ["pt-BR", "BRL"],
    ["en,en-AU;q=0.8", "AUD"],
    ["de", "USD"],
    ["", "USD"],
    [null, "USD"],
    ["*", "USD"],
    ["not a locale!!, en-IN", "INR"],
    ["en-AQ", "USD"],
  ])("%s -> %s", (header, currency) => {
    expect(currencyForLocale(header)).toBe(currency);
  });
});
