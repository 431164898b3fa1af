import { z } from "zod";
import { NAME_MAX, NAME_NEEDS_LETTER_MESSAGE, name, safeString } from "../schemas/primitives";
import { normalizeName } from "./names/normalize";

export const IdInput = z.object({ id: z.uuid() });

/** List queries hide archived rows unless asked: pickers must not offer them. */
export const ListInput = z
  .object({ includeArchived: z.boolean().default(false) })
  .default({ includeArchived: false });
export type ListOptions = z.infer<typeof ListInput>;

/** The one name rule (primitives' `name`), and a name must still say something once normalized. */
export const Name = name({ max: NAME_MAX, minMessage: "Enter a name" }).refine(
  (value) => normalizeName(value) !== "",
  NAME_NEEDS_LETTER_MESSAGE,
);

/** Optional short text: blank means none; absent (undefined) leaves it unchanged on update. */
export const OptionalText = (max: number) =>
  safeString()
    .trim()
    .max(max)
    .transform((value) => value || null)
    .nullable()
    .optional();

export const NamedRef = z.object({ id: z.string(), name: z.string() });
export type NamedRef = z.infer<typeof NamedRef>;

export const ArchiveResult = z.object({ id: z.string(), name: z.string(), archivedAt: z.date().nullable() });
export type ArchiveResult = z.infer<typeof ArchiveResult>;
