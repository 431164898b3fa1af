import { guessColumns, repeatedTargets } from "@/server/assets/import/fields";

/**
 * The employee fields a CSV column can fill, with the headers each is recognised by. The export
 * (server/employees/export-csv.ts) names its columns so that its file imports as it is.
 */
export const employeeImportFields = [
  {
    key: "name",
    label: "Name (first and last)",
    headers: ["name", "full name", "employee name", "display name"],
  },
  { key: "firstName", label: "First name", headers: ["first name", "given name", "firstname", "forename"] },
  { key: "lastName", label: "Last name", headers: ["last name", "surname", "family name", "lastname"] },
  {
    key: "workEmail",
    label: "Work email",
    headers: ["work email", "email", "e-mail", "email address", "work email address", "business email"],
  },
  {
    key: "employeeNumber",
    label: "Employee number",
    headers: ["employee number", "employee id", "employee no", "staff number", "staff id", "badge number"],
  },
  { key: "title", label: "Title", headers: ["title", "job title", "position", "role"] },
  { key: "department", label: "Department", headers: ["department", "dept", "team", "department name"] },
  {
    key: "manager",
    label: "Manager (work email or employee number)",
    headers: [
      "manager",
      "manager email",
      "reports to",
      "manager employee number",
      "supervisor",
      "line manager",
    ],
  },
  { key: "location", label: "Location", headers: ["location", "office", "site", "work location"] },
  {
    key: "employmentType",
    label: "Employment type",
    headers: ["employment type", "type", "worker type", "contract type"],
  },
  {
    key: "hireDate",
    label: "Hire date",
    headers: ["hire date", "start date", "hired", "hired on", "date hired"],
  },
  { key: "status", label: "Status", headers: ["status", "employment status", "employee status"] },
  {
    key: "personalEmail",
    label: "Personal email",
    headers: ["personal email", "private email", "home email", "personal email address"],
  },
  { key: "phone", label: "Phone", headers: ["phone", "phone number", "mobile", "mobile phone", "telephone"] },
  { key: "homeAddress", label: "Home address", headers: ["home address", "address", "street address"] },
  { key: "dateOfBirth", label: "Date of birth", headers: ["date of birth", "birth date", "birthday", "dob"] },
  {
    key: "nationalId",
    label: "National id",
    headers: ["national id", "national id number", "ssn", "social security number", "tax id"],
  },
] as const;

export type EmployeeImportTarget = (typeof employeeImportFields)[number]["key"];

const targetKeys = new Set<string>(employeeImportFields.map((field) => field.key));

export const isEmployeeImportTarget = (value: string): value is EmployeeImportTarget => targetKeys.has(value);

export const employeeFieldLabel = (target: EmployeeImportTarget): string =>
  employeeImportFields.find((field) => field.key === target)?.label ?? target;

/** The mapping table's choices. */
export const employeeFieldOptions = employeeImportFields.map((field) => ({
  value: field.key as string,
  label: field.label,
}));

/** A first guess at what each column of an employee file holds, from its header. */
export const guessEmployeeMapping = (headers: readonly string[]) =>
  guessColumns<EmployeeImportTarget>(
    headers,
    employeeImportFields.flatMap((field) => field.headers.map((header) => [header, field.key] as const)),
  );

/**
 * A mapping's problems before any row is read: a field used twice, no work email (rows are matched
 * to people by it) or no name.
 */
export function employeeMappingProblems(mapping: readonly (EmployeeImportTarget | null)[]): string[] {
  const problems = repeatedTargets(mapping, employeeFieldLabel);
  const used = new Set(mapping);
  if (!used.has("workEmail"))
    problems.push("Map a column to Work email: rows are matched to existing employees by it.");
  if (!used.has("name") && !(used.has("firstName") && used.has("lastName")))
    problems.push("Map a column to Name, or one to First name and one to Last name.");
  if (used.has("name") && (used.has("firstName") || used.has("lastName")))
    problems.push("Map either Name or First name and Last name, not both.");
  return problems;
}
