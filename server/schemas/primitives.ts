/**
 * The building blocks of every input schema (procedures, route handlers, server actions), so
 * nothing the database would refuse gets past the edge and turns into a 500:
 *  - text never holds control characters (PostgreSQL refuses NUL in text and jsonb; the others
 *    corrupt exports and logs) nor half a surrogate pair (jsonb refuses it); only multi-line
 *    text may hold tab, line feed and carriage return;
 *  - ids are strict UUIDs, emails fit RFC 5321 (254 characters), days and instants fit
 *    PostgreSQL's date and timestamptz, money fits numeric(14, 2), whole numbers fit integer.
 */
import { z } from "zod";
import { humanIssueMessage } from "./messages";

// Every schema imports this module, so every parse (server or browser) speaks to a person.
z.config({ customError: humanIssueMessage });

export const CONTROL_CHARACTERS_MESSAGE = "must not contain control characters";
export const MALFORMED_TEXT_MESSAGE = "must not contain broken characters (half of a surrogate pair)";

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const DELETE = 0x7f;

/** C0 controls (U+0000–U+001F) and DEL; multi-line text may hold tab, LF and CR. */
export function hasControlCharacters(value: string, options: { multiline?: boolean } = {}): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code === DELETE) return true;
    if (code >= 0x20) continue;
    if (!(options.multiline && (code === TAB || code === LINE_FEED || code === CARRIAGE_RETURN))) return true;
  }
  return false;
}

/** Half of a surrogate pair: JavaScript strings may hold one, jsonb and UTF-8 cannot. */
export const hasBrokenCharacters = (value: string): boolean => LONE_SURROGATE.test(value);

/**
 * Any string that may be stored or searched: checked on the raw value (before trimming), so a
 * NUL at either end is refused rather than silently kept or dropped.
 */
export const safeString = (options: { multiline?: boolean } = {}) =>
  z
    .string()
    .refine((value) => !hasControlCharacters(value, options), CONTROL_CHARACTERS_MESSAGE)
    .refine((value) => !hasBrokenCharacters(value), MALFORMED_TEXT_MESSAGE);

type TextOptions = {
  max: number;
  min?: number;
  multiline?: boolean;
  /** Messages in the voice of the form that shows them. */
  minMessage?: string;
  maxMessage?: string;
};

/**
 * Trimmed text of `min` (default 1) to `max` characters. Without a message of its own, a limit is
 * worded by the error map (messages.ts), which names the field: "Name can be at most 200 characters".
 */
export const text = ({ max, min = 1, multiline, minMessage, maxMessage }: TextOptions) =>
  safeString({ multiline }).trim().min(min, minMessage).max(max, maxMessage);

/** Optional trimmed text: blank (or null) means none. */
export const optionalText = (max: number, options: { multiline?: boolean } = {}) =>
  safeString(options)
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((value) => (value ? value : null));

/** Search text: trimmed, capped, never stored. */
export const searchText = (max: number) => safeString().trim().max(max);

/** How long a name usually may be: people, organizations, reference data. */
export const NAME_MAX = 120;

export const NAME_NEEDS_LETTER_MESSAGE = "Use at least one letter or digit";
/** Letters and digits of any script; a name of only emoji, symbols or punctuation has none. */
export const hasLetterOrDigit = (value: string): boolean => /[\p{L}\p{N}]/u.test(value);

/**
 * A name a person or thing goes by (asset, employee, user, organization, reference data): one
 * rule everywhere, so a name made only of emoji or punctuation is refused wherever it is typed.
 */
export const name = (options: TextOptions) =>
  text(options).refine((value) => value === "" || hasLetterOrDigit(value), NAME_NEEDS_LETTER_MESSAGE);

/** A row id: a strict UUID (RFC 9562 layout, so 36 dashes or "../" never reach a query). */
export const id = (message = "must be an id like 3f0c2a9e-8d1b-4c6a-9f3e-2b7d5e1a4c80") =>
  z.uuid({ error: message });

/** RFC 5321 caps an address at 254 characters; lower-cased so lookups match. */
export const MAX_EMAIL_LENGTH = 254;
export const email = (message = "Enter a valid email address, like name@company.com") =>
  safeString()
    .trim()
    .toLowerCase()
    .max(MAX_EMAIL_LENGTH, `Use at most ${MAX_EMAIL_LENGTH} characters for the email address`)
    .pipe(z.email({ error: message }));

/** PostgreSQL integer (int4) bounds: counts, positions, versions, months. */
export const INT4_MAX = 2_147_483_647;
export const int = ({ min = 0, max = INT4_MAX }: { min?: number; max?: number } = {}) =>
  z.number({ error: "Enter a whole number" }).int("Enter a whole number").min(min).max(max);

/** A page number: deep enough for any list, shallow enough that the offset stays cheap. */
export const page = () => int({ min: 1, max: 100_000 });

/**
 * What is wrong with a typed amount, in words a person can act on ("-5", "$1299", "1,299"), or
 * null when it reads as a plain decimal number.
 */
export function amountProblem(value: string | number): string | null {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "Enter an amount like 1299.00";
    return value < 0 ? "Enter zero or more; an amount cannot be negative" : null;
  }
  if (value === "") return null;
  if (/^-/.test(value)) return "Enter zero or more; an amount cannot be negative";
  if (/[$€£¥₹]|^[A-Z]{3}\s*\d|\d\s*[A-Z]{3}$/.test(value))
    return "Enter the amount without a currency sign, like 1299.00";
  if (/\d,\d/.test(value)) return "Enter the amount without thousands separators, like 1299.00";
  return /^\d*\.?\d+$|^\d+\.$/.test(value) ? null : "Enter an amount like 1299.00";
}

/**
 * Money as numeric(precision, scale): a number or a decimal string ("1299.00"); blank means none.
 * The amount is rounded to the scale as the column would, then must fit its digits.
 */
export const money = ({ precision = 14, scale = 2 }: { precision?: number; scale?: number } = {}) => {
  const limit = 10 ** (precision - scale);
  const largest = (limit - 10 ** -scale).toFixed(scale);
  return z
    .union([z.number(), safeString().trim().max(40)])
    .superRefine((value, ctx) => {
      const problem = amountProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform((value) => (value === "" ? null : Number(value)))
    .refine(
      (value) => value === null || Math.round(value * 10 ** scale) < limit * 10 ** scale,
      `Enter an amount up to ${Number(largest).toLocaleString("en", { minimumFractionDigits: scale })}`,
    )
    .nullable()
    .optional();
};

/**
 * A calendar day ("2026-01-31"). PostgreSQL has no year 0 and the audit filters step a day past
 * the one chosen, so days run from 1900-01-01 to 9998-12-31.
 */
export const DAY_MIN = "1900-01-01";
export const DAY_MAX = "9998-12-31";
export const day = (message = "Use a date like 2026-01-31") =>
  z.iso
    .date({ error: message })
    .refine((value) => value >= DAY_MIN && value <= DAY_MAX, "Use a date between 1900 and 9998");

/** An instant a timestamptz column can hold and a person could mean. */
export const instant = () =>
  z
    .date({ error: "Use a valid date and time" })
    .min(new Date("1970-01-01T00:00:00Z"), "Use a date after 1970")
    .max(new Date("9998-12-31T23:59:59Z"), "Use a date before 9999");

/** A list of at most `max` items, so one request stays one short transaction. */
export const list = <T extends z.ZodType>(item: T, max: number, message?: string) =>
  z.array(item).max(max, message ?? `Use at most ${max} items`);
