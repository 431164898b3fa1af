import { describe, expect, it } from "vitest";
import { currencyName, formatMoney } from "./money";

describe("formatMoney", () => {
  it("shows the organization's currency with the amount", () => {
    expect(formatMoney("1299.5", "USD")).toBe("$1,299.50");
    expect(formatMoney(1299.5, "EUR")).toBe("€1,299.50");
    expect(formatMoney("1299.5", "GBP")).toBe("£1,299.50");
    expect(formatMoney("1299.5", "CHF")).toBe("CHF\u00a01,299.50");
  });

  it("rounds to whole units for totals, and keeps a currency without minor units whole", () => {
    expect(formatMoney("1234567.89", "EUR", { whole: true })).toBe("€1,234,568");
    expect(formatMoney("1299", "JPY")).toBe("¥1,299");
  });

  it("says nothing is recorded for a missing amount", () => {
    expect(formatMoney(null, "USD")).toBe("—");
    expect(formatMoney("", "USD")).toBe("—");
  });
});

describe("currencyName", () => {
  it("names a currency as a person picks it", () => {
    expect(currencyName("EUR")).toBe("Euro (EUR)");
    expect(currencyName("USD")).toBe("US Dollar (USD)");
  });
});
