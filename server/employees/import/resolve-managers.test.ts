import { expect, it } from "vitest";
import { type FileEntry, resolveManagers } from "./resolve-managers";
import type { KnownEmployee } from "./validate-rows";

const entry = (
  line: number,
  name: string,
  manager: string | null,
  over: Partial<FileEntry> = {},
): FileEntry => ({
  line,
  email: `${name.toLowerCase()}@x.test`,
  number: null,
  name,
  manager,
  valid: true,
  existingId: null,
  ...over,
});
const people = (...known: KnownEmployee[]) => ({
  byEmail: new Map(known.map((person) => [person.workEmail ?? "", person])),
  byNumber: new Map(
    known.flatMap((person) => (person.employeeNumber ? [[person.employeeNumber, person]] : [])),
  ),
  byId: new Map(known.map((person) => [person.id, person])),
});

it("writes managers before their reports, wherever they stand in the file", () => {
  const check = resolveManagers(
    [
      entry(2, "Ana", "li@x.test"),
      entry(3, "Bo", null),
      entry(4, "Li", "E-7", { number: "e-7" }),
      entry(5, "Sam", "e-7"),
    ],
    people(),
    "Manager",
  );
  // Li names himself by number: refused; Ana then depends on Li (a file row), Sam on Li too
  expect(check.problems).toEqual([
    expect.objectContaining({ line: 4, code: "manager_cycle", message: "Li cannot be their own manager." }),
  ]);
  expect(check.order).toEqual([3, 4, 2, 5]);
});

it("refuses a loop through the file and through people already here, naming the chain", () => {
  const di: KnownEmployee = {
    id: "di",
    name: "Di Boss",
    workEmail: "di@x.test",
    employeeNumber: null,
    managerId: null,
    status: "active",
  };
  const cy: KnownEmployee = { ...di, id: "cy", name: "Cy Report", workEmail: "cy@x.test", managerId: "di" };
  const check = resolveManagers(
    [entry(2, "Di Boss", "cy@x.test", { email: "di@x.test", existingId: "di" })],
    people(di, cy),
    "Manager",
  );
  expect(check.problems.map((problem) => problem.message)).toEqual([
    "Di Boss cannot report to Cy Report: Cy Report reports to Di Boss. Change one of these managers.",
  ]);
});

it("says why a manager cannot be found", () => {
  const gone: KnownEmployee = {
    id: "gone",
    name: "Old Boss",
    workEmail: "old@x.test",
    employeeNumber: null,
    managerId: null,
    status: "terminated",
  };
  const check = resolveManagers(
    [
      entry(2, "Ana", "ghost@x.test"),
      entry(3, "Bo", "old@x.test"),
      entry(4, "Cy", "broken@x.test"),
      entry(5, "Broken", null, { valid: false }),
    ],
    people(gone),
    "Manager",
  );
  expect(check.problems.map((problem) => [problem.line, problem.message])).toEqual([
    [2, "Manager ghost@x.test is not in the file or the tenant; use their work email or employee number."],
    [3, "Old Boss has been terminated; choose a current employee as manager."],
    [4, "Manager broken@x.test is on line 5, which has problems; fix that line first."],
  ]);
});
