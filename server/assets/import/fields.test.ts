import { expect, it } from "vitest";
import { guessMapping, mappingProblems } from "./fields";

it("guesses the field of common headers and custom field labels, each field once", () => {
  const headers = [
    "Asset Tag",
    "serial_number",
    "CATEGORY",
    "Status",
    "Location",
    "Employee email",
    "Purchase Date",
    "Cost",
    "Warranty End",
    "RAM (GB)",
    "Assigned To",
    "Whatever",
  ];
  expect(guessMapping(headers, [{ key: "ram_gb", label: "RAM (GB)" }])).toEqual([
    "tag",
    "serial",
    "category",
    "status",
    "location",
    "employee",
    "purchaseDate",
    "cost",
    "warrantyEnd",
    "custom:ram_gb",
    null,
    null,
  ]);
});

it("asks for a category and a name (or model), and each field once", () => {
  expect(mappingProblems(["tag", null])).toEqual([
    "Map a column to Category: every asset needs one.",
    "Map a column to Name (or Model, which then names the asset).",
  ]);
  expect(mappingProblems(["category", "model", "tag", "tag"])).toEqual([
    "Asset tag is mapped to more than one column.",
  ]);
});
