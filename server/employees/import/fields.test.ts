import { expect, it } from "vitest";
import { EMPLOYEE_CSV_COLUMNS } from "../export-csv";
import { employeeMappingProblems, guessEmployeeMapping } from "./fields";
import { parseEmploymentType, splitName } from "./validate-rows";

it("maps the export's own columns back, and common HR headers", () => {
  expect(guessEmployeeMapping(EMPLOYEE_CSV_COLUMNS)).toEqual([
    "employeeNumber",
    "firstName",
    "lastName",
    "workEmail",
    "title",
    "department",
    "location",
    "manager", // Manager email
    null, // Manager (by name: the email before it is the one mapped)
    "employmentType",
    "status",
    "hireDate",
    null,
    null,
    null,
  ]);
  expect(guessEmployeeMapping(["Full name", "E-mail", "Dept", "Reports to", "DOB", "SSN", "Mobile"])).toEqual(
    ["name", "workEmail", "department", "manager", "dateOfBirth", "nationalId", "phone"],
  );
});

it("asks for a work email and a name, each field once", () => {
  expect(employeeMappingProblems(["title", "title"])).toEqual([
    "Title is mapped to more than one column.",
    "Map a column to Work email: rows are matched to existing employees by it.",
    "Map a column to Name, or one to First name and one to Last name.",
  ]);
  expect(employeeMappingProblems(["workEmail", "firstName", "lastName"])).toEqual([]);
});

it("reads names and employment types as people write them", () => {
  expect(splitName("Ana Ruiz")).toEqual({ firstName: "Ana", lastName: "Ruiz" });
  expect(splitName("Ruiz, Ana María")).toEqual({ firstName: "Ana María", lastName: "Ruiz" });
  expect(splitName("Ana María de la Cruz")).toEqual({ firstName: "Ana", lastName: "María de la Cruz" });
  expect(splitName("Cher")).toBeNull();
  expect(parseEmploymentType("Full-time")).toBe("full_time");
  expect(parseEmploymentType("CONTRACTOR")).toBe("contractor");
  expect(parseEmploymentType("Freelance")).toBeNull();
});
