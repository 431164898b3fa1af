import { describe, expect, it } from "vitest";
import { fieldKeyFrom } from "./catalog-names";

describe("fieldKeyFrom", () => {
  it.each([
    ["RAM (GB)", "ram_gb"],
    ["Operating system", "operating_system"],
    ["  Écran tactile ", "ecran_tactile"],
    ["4G modem", "field_4g_modem"],
  ])("%s -> %s", (label, key) => {
    expect(fieldKeyFrom(label)).toBe(key);
    expect(key).toMatch(/^[a-z][a-z0-9_]{0,62}$/);
  });
});
