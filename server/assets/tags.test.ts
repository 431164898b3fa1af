import { expect, it } from "vitest";
import { formatTag } from "./tags";

it.each([
  ["AST-{n:6}", 42, "AST-000042"],
  ["LAP{n:4}-NY", 7, "LAP0007-NY"],
  ["{n}", 1234567, "1234567"],
  ["A-{n:2}", 123, "A-123"],
])("formatTag(%s, %i) = %s", (pattern, n, tag) => {
  expect(formatTag(pattern, n)).toBe(tag);
});
