import { z } from "zod";
import { safeString, text } from "../../schemas/primitives";
import { normalizeName } from "../normalize";

export const IdInput = z.object({ id: z.uuid() });

/** List queries hide archived rows unless asked: pickers must not offer them. */
export const ListInput = z
  .object({ includeArchived: z.boolean().default(false) })
  .default({ includeArchived: false });
export type ListOptions = z.infer<typeof ListInput>;

export const Name = text({ max: 120, minMessage: "Enter a name" }).refine(
  (value) => normalizeName(value) !== "",
  "Use at least one letter or digit",
);

/** Optional short text: blank means none; absent (undefined) leaves it unchanged on update. */
export const OptionalText = (max: number) =>
  safeString()
    .trim()
    .max(max, `Use at most ${max} characters`)
    .transform((value) => value || null)
    .nullable()
    .optional();

export const NamedRef = z.object({ id: z.string(), name: z.string() });
export type NamedRef = z.infer<typeof NamedRef>;

export const ArchiveResult = z.object({ id: z.string(), name: z.string(), archivedAt: z.date().nullable() });
export type ArchiveResult = z.infer<typeof ArchiveResult>;
