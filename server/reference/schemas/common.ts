import { z } from "zod";
import { normalizeName } from "../normalize";

export const IdInput = z.object({ id: z.uuid() });

/** List queries hide archived rows unless asked: pickers must not offer them. */
export const ListInput = z
  .object({ includeArchived: z.boolean().default(false) })
  .default({ includeArchived: false });
export type ListOptions = z.infer<typeof ListInput>;

export const Name = z
  .string()
  .trim()
  .min(1, "Enter a name")
  .max(120, "Use at most 120 characters")
  .refine((value) => normalizeName(value) !== "", "Use at least one letter or digit");

/** Optional short text: blank means none. */
export const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters`)
    .transform((value) => value || null)
    .nullable()
    .optional();

export const NamedRef = z.object({ id: z.string(), name: z.string() });
export type NamedRef = z.infer<typeof NamedRef>;

export const ArchiveResult = z.object({ id: z.string(), name: z.string(), archivedAt: z.date().nullable() });
export type ArchiveResult = z.infer<typeof ArchiveResult>;
