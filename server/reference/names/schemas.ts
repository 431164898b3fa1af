import { z } from "zod";
import { text } from "../../schemas/primitives";
import { Name } from "../schemas";
import { namedEntityTypes } from "./matcher";

export const NamedEntityType = z.enum(namedEntityTypes);

export const MatchInput = z.object({
  entityType: NamedEntityType,
  name: text({ max: 120, minMessage: "Enter a name" }),
});
export const NameMatchOutput = z
  .object({
    id: z.string(),
    name: z.string(),
    archivedAt: z.date().nullable(),
    matchedBy: z.enum(["name", "alias"]),
    alias: z.string().nullable(),
  })
  .nullable();

const OrganizationId = z.uuid().nullable();

export const CreateOrganizationInput = z.object({ name: Name });
export type CreateOrganizationInput = z.infer<typeof CreateOrganizationInput>;
export const UpdateOrganizationInput = z.object({ id: z.uuid(), name: Name });
export type UpdateOrganizationInput = z.infer<typeof UpdateOrganizationInput>;

export const CreateDepartmentInput = z.object({ name: Name, organizationId: OrganizationId.default(null) });
export type CreateDepartmentInput = z.infer<typeof CreateDepartmentInput>;
export const UpdateDepartmentInput = z.object({
  id: z.uuid(),
  name: Name.optional(),
  organizationId: OrganizationId.optional(),
});
export type UpdateDepartmentInput = z.infer<typeof UpdateDepartmentInput>;

export const MergeInput = z
  .object({ survivorId: z.uuid(), duplicateId: z.uuid() })
  .refine((input) => input.survivorId !== input.duplicateId, {
    message: "Choose two different records to merge",
    path: ["duplicateId"],
  });
export type MergeInput = z.infer<typeof MergeInput>;
export const MergeResult = z.object({
  survivorId: z.string(),
  duplicateId: z.string(),
  moved: z.record(z.string(), z.number()),
});

export const AddAliasInput = z.object({ entityId: z.uuid(), alias: Name });
export type AddAliasInput = z.infer<typeof AddAliasInput>;
export const RemoveAliasInput = z.object({ aliasId: z.uuid() });

export const Alias = z.object({ id: z.string(), alias: z.string() });
export type Alias = z.infer<typeof Alias>;

export const OrganizationListItem = z.object({
  id: z.string(),
  name: z.string(),
  archivedAt: z.date().nullable(),
  aliases: z.array(Alias),
  departmentCount: z.number(),
});
export type OrganizationListItem = z.infer<typeof OrganizationListItem>;

export const DepartmentListItem = z.object({
  id: z.string(),
  name: z.string(),
  archivedAt: z.date().nullable(),
  organizationId: z.string().nullable(),
  organizationName: z.string().nullable(),
  aliases: z.array(Alias),
  employeeCount: z.number(),
});
export type DepartmentListItem = z.infer<typeof DepartmentListItem>;
