import { describe, expect, it } from "vitest";
import { InviteUserInput, SignUpInput } from "../accounts/schemas";
import { CreateAssetInput, UpdateAssetInput } from "../assets/schemas";
import { AuditFilters } from "../audit/schemas";
import { RunListInput } from "../automation/schemas";
import { CreateEmployeeInput } from "../employees/schemas";
import { Name } from "../reference/schemas";
import {
  CONTROL_CHARACTERS_MESSAGE,
  day,
  email,
  id,
  instant,
  int,
  MALFORMED_TEXT_MESSAGE,
  money,
  NAME_NEEDS_LETTER_MESSAGE,
  optionalText,
  text,
} from "./primitives";

const messages = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe("text", () => {
  const name = text({ max: 120 });
  const notes = text({ max: 2000, multiline: true });

  it.each(["\u0000", "a\u0000b", "\u0001", "tab\there", "line\nbreak", "esc\u001b[31m", "del\u007f"])(
    "refuses control characters in one-line text: %j",
    (value) => {
      expect(messages(name.safeParse(value))).toContain(CONTROL_CHARACTERS_MESSAGE);
    },
  );

  it("lets multi-line text hold tabs and line breaks, but not NUL or other controls", () => {
    expect(notes.parse("first line\r\n\tsecond line")).toBe("first line\r\n\tsecond line");
    expect(messages(notes.safeParse("a\u0000b"))).toContain(CONTROL_CHARACTERS_MESSAGE);
    expect(messages(notes.safeParse("a\u000bb"))).toContain(CONTROL_CHARACTERS_MESSAGE);
  });

  it("refuses a control character even where trimming would remove it", () => {
    expect(messages(name.safeParse("name\u0000"))).toContain(CONTROL_CHARACTERS_MESSAGE);
  });

  it("refuses half of a surrogate pair and keeps whole ones", () => {
    expect(messages(name.safeParse("half \ud800"))).toContain(MALFORMED_TEXT_MESSAGE);
    expect(messages(name.safeParse("\udc00"))).toContain(MALFORMED_TEXT_MESSAGE);
    expect(name.parse(" Straße 😀 ")).toBe("Straße 😀");
  });

  it("caps the length after trimming", () => {
    expect(name.safeParse("x".repeat(120)).success).toBe(true);
    expect(messages(name.safeParse("x".repeat(121)))).toEqual(["Use at most 120 characters (this has 121)"]);
    expect(name.safeParse("   ").success).toBe(false);
  });

  it("reads blank optional text as none", () => {
    const optional = optionalText(40);
    expect(optional.parse("  ")).toBeNull();
    expect(optional.parse(undefined)).toBeNull();
    expect(optional.parse(" A-1 ")).toBe("A-1");
    expect(optional.safeParse("A\u0000").success).toBe(false);
  });
});

describe("ids, emails, numbers, days", () => {
  it.each([
    "------------------------------------",
    "../",
    "' or 1=1",
    "00000000-0000-0000-0000-00000000000g",
    "3f0c2a9e8d1b4c6a9f3e2b7d5e1a4c80",
  ])("refuses the malformed id %j", (value) => {
    expect(id().safeParse(value).success).toBe(false);
  });

  it("accepts a UUID", () => {
    expect(id().parse("3f0c2a9e-8d1b-4c6a-9f3e-2b7d5e1a4c80")).toBe("3f0c2a9e-8d1b-4c6a-9f3e-2b7d5e1a4c80");
  });

  it("caps emails at 254 characters and lower-cases them", () => {
    expect(email().parse(" Ada@Example.TEST ")).toBe("ada@example.test");
    const long = `${"a".repeat(64)}@${"b".repeat(185)}.test`;
    expect(long).toHaveLength(255);
    expect(email().safeParse(long).success).toBe(false);
  });

  it("keeps money within numeric(14, 2)", () => {
    const cost = money({ precision: 14, scale: 2 });
    expect(cost.parse(999999999999.99)).toBe(999999999999.99);
    expect(cost.parse("1299.00")).toBe(1299);
    expect(cost.parse("")).toBeNull();
    for (const value of [999999999999.999, 1e12, 1e308, -1, Number.NaN, "12abc"]) {
      expect(cost.safeParse(value).success, String(value)).toBe(false);
    }
  });

  it("says what is wrong with a typed amount: negative, a currency sign, separators", () => {
    const cost = money();
    expect(messages(cost.safeParse("-5"))).toEqual(["Enter zero or more; an amount cannot be negative"]);
    expect(messages(cost.safeParse(-5))).toEqual(["Enter zero or more; an amount cannot be negative"]);
    expect(messages(cost.safeParse("$1299"))).toEqual([
      "Enter the amount without a currency sign, like 1299.00",
    ]);
    expect(messages(cost.safeParse("1299 EUR"))).toEqual([
      "Enter the amount without a currency sign, like 1299.00",
    ]);
    expect(messages(cost.safeParse("1,299.00"))).toEqual([
      "Enter the amount without thousands separators, like 1299.00",
    ]);
    expect(messages(cost.safeParse("12abc"))).toEqual(["Enter an amount like 1299.00"]);
    expect(cost.parse(".5")).toBe(0.5);
  });

  it("keeps whole numbers within integer", () => {
    expect(int().safeParse(2_147_483_647).success).toBe(true);
    expect(int().safeParse(2_147_483_648).success).toBe(false);
    expect(int({ min: 1 }).safeParse(0).success).toBe(false);
  });

  it("keeps days and instants within what PostgreSQL stores", () => {
    expect(day().parse("2026-01-31")).toBe("2026-01-31");
    for (const value of ["0000-01-01", "0000-02-29", "2026-02-30", "9999-12-31", "1899-12-31"]) {
      expect(day().safeParse(value).success, value).toBe(false);
    }
    expect(instant().safeParse(new Date("2026-01-01")).success).toBe(true);
    for (const value of [new Date(8.64e15), new Date(-8.64e15), new Date(Number.NaN)]) {
      expect(instant().safeParse(value).success).toBe(false);
    }
  });
});

describe("the procedure schemas use them", () => {
  const categoryId = "3f0c2a9e-8d1b-4c6a-9f3e-2b7d5e1a4c80";

  it("names the field and its limit instead of zod's wording", () => {
    const result = CreateAssetInput.safeParse({ name: "x".repeat(231), categoryId, vendor: "v".repeat(201) });
    expect(messages(result)).toEqual([
      "Name can be at most 200 characters (this has 231)",
      "Vendor can be at most 200 characters (this has 201)",
    ]);
    const employee = CreateEmployeeInput.safeParse({
      firstName: "",
      lastName: "Lovelace",
      email: "ada@x.test",
    });
    expect(messages(employee)).toEqual(["Enter a first name"]);
    for (const message of messages(CreateAssetInput.safeParse({ name: "Laptop", categoryId: "nope" }))) {
      expect(message).not.toMatch(/expected|Invalid|Too big|Too small/);
    }
  });

  it("refuses a name of only emoji or punctuation for assets, employees and reference data alike", () => {
    expect(messages(CreateAssetInput.safeParse({ name: "🚀🚀", categoryId }))).toEqual([
      NAME_NEEDS_LETTER_MESSAGE,
    ]);
    const employee = CreateEmployeeInput.safeParse({ firstName: "🙂", lastName: "...", email: "ada@x.test" });
    expect(messages(employee)).toEqual([NAME_NEEDS_LETTER_MESSAGE, NAME_NEEDS_LETTER_MESSAGE]);
    expect(Name.safeParse("🚀🚀").success).toBe(false);
    expect(CreateAssetInput.safeParse({ name: "Ноутбук 🚀", categoryId }).success).toBe(true);
  });

  it("refuses a cost that would overflow the cost column", () => {
    const result = CreateAssetInput.safeParse({ name: "Laptop", categoryId, cost: 999999999999.999 });
    expect(result.success).toBe(false);
  });

  it("refuses control characters in an asset's text and custom fields", () => {
    expect(CreateAssetInput.safeParse({ name: "Lap\u0000top", categoryId }).success).toBe(false);
    const custom = CreateAssetInput.safeParse({
      name: "Laptop",
      categoryId,
      customFields: { ram: "16\u0000GB" },
    });
    expect(messages(custom)).toContain(CONTROL_CHARACTERS_MESSAGE);
    expect(UpdateAssetInput.safeParse({ assetId: categoryId, expectedVersion: 2 ** 53 }).success).toBe(false);
  });

  it("caps an invited email at 254 characters", () => {
    const email = `${"a".repeat(64)}@${"b".repeat(250)}.test`;
    expect(InviteUserInput.safeParse({ email, role: "auditor" }).success).toBe(false);
  });

  it("refuses control characters in sign-up, employee, reference and audit filter text", () => {
    const signUp = { organization: "Acme", name: "Ada", email: "ada@acme.test", password: "long-enough-pw" };
    expect(SignUpInput.safeParse({ ...signUp, organization: "Ac\u0000me" }).success).toBe(false);
    expect(CreateEmployeeInput.safeParse({ firstName: "A\u0000", lastName: "B" }).success).toBe(false);
    expect(Name.safeParse("Paris\u0000").success).toBe(false);
    expect(AuditFilters.safeParse({ actorId: "\u0000" }).success).toBe(false);
    expect(AuditFilters.safeParse({ to: "9999-12-31" }).success).toBe(false);
    expect(RunListInput.safeParse({ before: new Date(-8.64e15) }).success).toBe(false);
  });
});
