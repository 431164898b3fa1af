import { z } from "zod";
import { id, text } from "../../schemas/primitives";

export const TERMS_MAX = 20_000;

/** A new version of the tenant's default terms (no category) or of one category's own terms. */
export const PublishTermsInput = z.object({
  categoryId: id().nullable().default(null),
  body: text({ max: TERMS_MAX, multiline: true, minMessage: "Write the terms employees accept" }),
});
export type PublishTermsInput = z.input<typeof PublishTermsInput>;

export const TermsVersion = z.object({
  id: z.string(),
  version: z.number(),
  body: z.string(),
  createdBy: z.string(),
  createdAt: z.date(),
});

/** The terms of one scope: the tenant's default, or a category's own (which replace the default for it). */
export const TermsScope = z.object({
  categoryId: z.string().nullable(),
  category: z.string().nullable(),
  current: TermsVersion.nullable(),
  versions: z.number(),
  acceptances: z.number(),
});

export const TermsOverview = z.object({
  scopes: z.array(TermsScope),
  /** The text in force for the default until a version is published. */
  builtIn: z.string(),
});

export const TermsHistoryInput = z.object({ categoryId: id().nullable().default(null) });
export type TermsHistoryInput = z.input<typeof TermsHistoryInput>;
