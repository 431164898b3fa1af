import { describe, expect, it } from "vitest";
import { type CustomFieldDefinition, validateCustomFields } from "./custom-fields";

const fields: CustomFieldDefinition[] = [
  { key: "ram_gb", label: "RAM (GB)", type: "number", required: true, options: [] },
  {
    key: "os",
    label: "Operating system",
    type: "select",
    required: false,
    options: ["macOS", "Windows", "Linux"],
  },
  { key: "encrypted", label: "Disk encrypted", type: "checkbox", required: false, options: [] },
  { key: "leased_until", label: "Leased until", type: "date", required: false, options: [] },
  { key: "note", label: "Note", type: "text", required: false, options: [] },
];

describe("validateCustomFields", () => {
  it("cleans valid values", () => {
    expect(
      validateCustomFields(fields, {
        ram_gb: "16",
        os: "macOS",
        encrypted: "yes",
        leased_until: "2027-03-31",
        note: " hi ",
      }),
    ).toEqual({
      ok: true,
      values: { ram_gb: 16, os: "macOS", encrypted: true, leased_until: "2027-03-31", note: "hi" },
    });
  });

  it("names each problem by the field's label", () => {
    expect(
      validateCustomFields(fields, {
        os: "BeOS",
        encrypted: "maybe",
        leased_until: "31/03/2027",
        colour: "red",
      }),
    ).toEqual({
      ok: false,
      errors: {
        ram_gb: "RAM (GB) is required",
        os: "Operating system must be one of: macOS, Windows, Linux",
        encrypted: "Disk encrypted must be yes or no",
        leased_until: "Leased until must be a date like 2026-01-31",
        colour: '"colour" is not a field of this category',
      },
    });
  });

  it("refuses a non-number", () => {
    expect(validateCustomFields(fields, { ram_gb: "lots" })).toMatchObject({
      ok: false,
      errors: { ram_gb: "RAM (GB) must be a number" },
    });
  });
});
