import { z } from "zod";
import { Name, OptionalText } from "../schemas";
import { locationKinds } from "./location-tree";

export const LocationListItem = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(locationKinds),
  code: z.string().nullable(),
  parentId: z.string().nullable(),
  archivedAt: z.date().nullable(),
  /** Who looks after IT here: steps for "the location's IT contact" go to them. */
  itContact: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type LocationListItem = z.infer<typeof LocationListItem>;

export const LocationTreeNode = LocationListItem.extend({
  depth: z.number(),
  path: z.array(z.string()),
  assetCount: z.number(),
  employeeCount: z.number(),
  childCount: z.number(),
});
export type LocationTreeNode = z.infer<typeof LocationTreeNode>;

const ParentId = z.uuid().nullable();

export const CreateLocationInput = z.object({
  name: Name,
  kind: z.enum(locationKinds),
  parentId: ParentId.default(null),
  code: OptionalText(32),
  itContactUserId: z.uuid().nullable().optional(),
});
export type CreateLocationInput = z.infer<typeof CreateLocationInput>;

export const UpdateLocationInput = z.object({
  id: z.uuid(),
  name: Name.optional(),
  kind: z.enum(locationKinds).optional(),
  code: OptionalText(32),
  /** null: none; left out: unchanged. */
  itContactUserId: z.uuid().nullable().optional(),
});
export type UpdateLocationInput = z.infer<typeof UpdateLocationInput>;

export const MoveLocationInput = z.object({ id: z.uuid(), parentId: ParentId });
export type MoveLocationInput = z.infer<typeof MoveLocationInput>;

export const DeleteLocationInput = z.object({ id: z.uuid(), reassignTo: z.uuid().optional() });
export type DeleteLocationInput = z.infer<typeof DeleteLocationInput>;

export const LocationMoved = z.object({ assets: z.number(), children: z.number(), employees: z.number() });
export const DeleteLocationResult = z.object({ id: z.string(), moved: LocationMoved });
