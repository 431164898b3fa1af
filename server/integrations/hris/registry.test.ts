import { describe, expect, it } from "vitest";
import { HRIS_PROVIDERS } from "./adapter";
import { adapterFor, hrisAdapters } from "./registry";

describe("hrisAdapters", () => {
  it("has one adapter per provider, each declaring a secret credential and its own provider key", () => {
    expect(Object.keys(hrisAdapters).sort()).toEqual([...HRIS_PROVIDERS].sort());
    for (const provider of HRIS_PROVIDERS) {
      const adapter = adapterFor(provider);
      expect(adapter.provider).toBe(provider);
      expect(adapter.credentialFields.some((field) => field.secret && field.required)).toBe(true);
      expect(adapter.optionFields.every((field) => !field.secret)).toBe(true);
      expect(adapter.optionFields.map((field) => field.name)).toContain("baseUrl");
    }
  });
});
