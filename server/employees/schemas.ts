import { z } from "zod";
import { timeZone } from "../schemas/calendar";
import { type DatePair, refineDatePairs } from "../schemas/date-pairs";
import {
  day,
  email,
  list,
  MAX_EMAIL_LENGTH,
  name,
  optionalText,
  page,
  searchText,
} from "../schemas/primitives";
import { sensitiveFieldNames } from "./sensitive-field-list";

/** Where an employee stands (employees.status): the one list the schemas, the UI and the demo use. */
export const employeeStatuses = ["active", "on_leave", "terminated"] as const;
export type EmployeeStatus = (typeof employeeStatuses)[number];

/** How an employee works for the organization (employees.employment_type). */
export const employmentTypes = ["full_time", "part_time", "contractor", "intern", "temporary"] as const;

/** How long each of an employee's text fields may be; the form shows the same limits as the person types. */
export const employeeTextLimits = {
  firstName: 80,
  lastName: 80,
  workEmail: MAX_EMAIL_LENGTH,
  employeeNumber: 40,
  title: 120,
  phone: 40,
  homeAddress: 400,
  nationalId: 40,
  terminationReason: 500,
} as const;

/** A phone number as people write one: digits with +, spaces, dots, dashes and parentheses. */
const phone = optionalText(employeeTextLimits.phone).refine(
  (value) => value === null || /^\+?[0-9 ().-]{5,}$/.test(value),
  "Enter a phone number like +1 555 010 0199",
);

/**
 * The personal fields, sealed at rest (sensitive-fields.ts): given to create and update, shown
 * only through a reveal.
 */
export const SensitiveFieldsInput = z.object({
  personalEmail: email("Enter a valid personal email address")
    .nullable()
    .optional()
    .or(z.literal("").transform(() => null)),
  phone,
  homeAddress: optionalText(employeeTextLimits.homeAddress, { multiline: true }),
  dateOfBirth: day().nullable().optional(),
  nationalId: optionalText(employeeTextLimits.nationalId),
});

export const EmployeeFields = z.object({
  firstName: name({ max: employeeTextLimits.firstName, minMessage: "Enter a first name" }),
  lastName: name({ max: employeeTextLimits.lastName, minMessage: "Enter a last name" }),
  workEmail: email("Enter a valid email address")
    .nullable()
    .optional()
    .or(z.literal("").transform(() => null)),
  employeeNumber: optionalText(employeeTextLimits.employeeNumber),
  title: optionalText(employeeTextLimits.title),
  departmentId: z.uuid().nullable().optional(),
  locationId: z.uuid().nullable().optional(),
  hireDate: day().nullable().optional(),
  managerId: z.uuid().nullable().optional(),
  employmentType: z.enum(employmentTypes).nullable().optional(),
  ...SensitiveFieldsInput.shape,
});
/** An employee's dates that cannot come in the other order. */
export const employeeDatePairs: ReadonlyArray<DatePair<"hireDate" | "terminationDate">> = [
  {
    earlier: { field: "hireDate", label: "Hire date" },
    later: { field: "terminationDate", label: "Termination date" },
  },
];

export const CreateEmployeeInput = EmployeeFields;
export type CreateEmployeeInput = z.input<typeof CreateEmployeeInput>;
export const UpdateEmployeeInput = EmployeeFields.partial()
  .extend({ employeeId: z.uuid(), terminationDate: day().nullable().optional() })
  .superRefine(refineDatePairs(employeeDatePairs));
export type UpdateEmployeeInput = z.input<typeof UpdateEmployeeInput>;

/** The list's ready-made views beyond the plain filters. */
export const employeeListViews = ["terminated_with_assets", "hired_recently"] as const;
export const employeeSorts = ["name", "hireDate", "department", "status", "employeeNumber"] as const;
export type EmployeeSort = (typeof employeeSorts)[number];

/** The longest search for people (the list's search box and the person pickers count toward it). */
export const EMPLOYEE_SEARCH_MAX = 120;

export const EmployeeListInput = z.object({
  q: searchText(EMPLOYEE_SEARCH_MAX).optional(),
  status: z.enum(employeeStatuses).optional(),
  departmentId: z.uuid().optional(),
  locationId: z.uuid().optional(),
  managerId: z.uuid().optional(),
  view: z.enum(employeeListViews).optional(),
  sort: z.enum(employeeSorts).default("name"),
  direction: z.enum(["asc", "desc"]).default("asc"),
  page: page().default(1),
  pageSize: z.number().int().min(10).max(200).default(50),
});
export type EmployeeListInput = z.output<typeof EmployeeListInput>;

export const EmployeeListItem = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  employeeNumber: z.string().nullable(),
  title: z.string().nullable(),
  department: z.string().nullable(),
  status: z.string(),
  hireDate: z.string().nullable(),
  assetCount: z.number(),
});

export const EmployeeOption = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  department: z.string().nullable(),
});

export const EmployeeListPage = z.object({
  items: z.array(EmployeeListItem),
  total: z.number(),
  totalIsCapped: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
});

export const EmployeeOptionsInput = z.object({ q: searchText(EMPLOYEE_SEARCH_MAX).optional() });

export const EmployeeIdInput = z.object({ employeeId: z.uuid() });

const NamedRef = z.object({ id: z.string(), name: z.string() });
export const EmployeeDetail = z.object({
  id: z.string(),
  name: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  employeeNumber: z.string().nullable(),
  title: z.string().nullable(),
  status: z.string(),
  hireDate: z.string().nullable(),
  terminationDate: z.string().nullable(),
  department: NamedRef.nullable(),
  location: NamedRef.nullable(),
  assetCount: z.number(),
  createdAt: z.date(),
  manager: NamedRef.nullable(),
  employmentType: z.string().nullable(),
  terminationReason: z.string().nullable(),
  source: z.string(),
  externalId: z.string().nullable(),
  sync: z
    .object({
      integrationId: z.string(),
      integrationName: z.string(),
      provider: z.string(),
      fieldPolicy: z.string(),
      ownedFields: z.array(z.string()),
      overriddenFields: z.array(z.string()),
    })
    .nullable(),
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  personalFields: z.array(z.object({ field: z.string(), label: z.string(), isSet: z.boolean() })),
});

export const EmployeeSummary = z.object({ id: z.string(), name: z.string() });
export const EmployeeMatch = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  status: z.string(),
});

export const SensitiveFieldName = z.enum(sensitiveFieldNames as [string, ...string[]]);

export const TerminateEmployeeInput = z.object({
  employeeId: z.uuid(),
  terminationDate: day(),
  reason: optionalText(employeeTextLimits.terminationReason, { multiline: true }),
  /** The viewer's zone: a last day that is today there takes effect now (server/schemas/calendar.ts). */
  timeZone: timeZone().optional(),
});
export type TerminateEmployeeInput = z.input<typeof TerminateEmployeeInput>;

export const RevealSensitiveInput = z.object({
  employeeId: z.uuid(),
  fields: list(SensitiveFieldName, sensitiveFieldNames.length, "Choose which fields to reveal").refine(
    (fields) => fields.length > 0,
    "Choose at least one field to reveal",
  ),
});
export type RevealSensitiveInput = z.input<typeof RevealSensitiveInput>;
export const RevealedFields = z.record(z.string(), z.string().nullable());

export const FindByPersonalDataInput = z.object({
  field: z.enum(["personalEmail", "nationalId"]),
  value: searchText(MAX_EMAIL_LENGTH).min(1, "Enter the value to look up"),
});

export const LinkUserInput = z.object({ employeeId: z.uuid(), userId: z.uuid().nullable() });
export type LinkUserInput = z.input<typeof LinkUserInput>;
