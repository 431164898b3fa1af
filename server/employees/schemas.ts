import { z } from "zod";
import { day, email, optionalText, page, searchText, text } from "../schemas/primitives";

export const EmployeeFields = z.object({
  firstName: text({ max: 80, minMessage: "Enter a first name" }),
  lastName: text({ max: 80, minMessage: "Enter a last name" }),
  workEmail: email("Enter a valid email address")
    .nullable()
    .optional()
    .or(z.literal("").transform(() => null)),
  employeeNumber: optionalText(40),
  title: optionalText(120),
  departmentId: z.uuid().nullable().optional(),
  locationId: z.uuid().nullable().optional(),
  hireDate: day().nullable().optional(),
});
export const CreateEmployeeInput = EmployeeFields;
export type CreateEmployeeInput = z.input<typeof CreateEmployeeInput>;
export const UpdateEmployeeInput = EmployeeFields.partial().extend({ employeeId: z.uuid() });
export type UpdateEmployeeInput = z.input<typeof UpdateEmployeeInput>;

export const EmployeeListInput = z.object({
  q: searchText(120).optional(),
  status: z.enum(["active", "on_leave", "terminated"]).optional(),
  page: page().default(1),
  pageSize: z.number().int().min(10).max(200).default(50),
});

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

export const EmployeeOptionsInput = z.object({ q: searchText(120).optional() });

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
});
