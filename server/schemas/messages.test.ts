import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldLabel } from "./messages";
import "./primitives";

const messages = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];

describe("zod's messages, in words", () => {
  it("names a field by its key", () => {
    expect(fieldLabel(["orderNumber"])).toBe("Order number");
    expect(fieldLabel(["categoryId"])).toBe("Category");
    expect(fieldLabel(["customFields", "ram_size"])).toBe("Ram size");
    expect(fieldLabel(["q"])).toBe("Search");
    expect(fieldLabel([])).toBeNull();
  });

  it("rewrites every limit a schema leaves unworded, naming the field and the limit", () => {
    const schema = z.object({
      label: z.string().max(5),
      code: z.string().min(3),
      tags: z.array(z.string()).max(2),
      months: z.number().int().max(600),
      kind: z.enum(["site", "room"]),
      ownerId: z.uuid(),
    });
    expect(
      messages(schema, {
        label: "toolong",
        code: "ab",
        tags: ["a", "b", "c"],
        months: 601,
        kind: "x",
        ownerId: "1",
      }),
    ).toEqual([
      "Label can be at most 5 characters (this has 7)",
      "Code needs at least 3 characters",
      "Tags can hold at most 2 items",
      "Months can be at most 600",
      "Kind must be one of: site, room",
      "Choose the owner from the list",
    ]);
  });

  it("keeps a schema's own message", () => {
    expect(messages(z.object({ name: z.string().max(2, "Keep it short") }), { name: "abc" })).toEqual([
      "Keep it short",
    ]);
  });
});
