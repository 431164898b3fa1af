/**
 * Zod's own messages ("Too big: expected string to have <=200 characters") are written for
 * developers. This error map, installed once by primitives.ts (which every schema imports, on the
 * server and in the browser), rewrites the ones a person can meet so they name the field and the
 * limit: "Name can be at most 200 characters (this has 231)". A schema's own message still wins.
 */
import type { z } from "zod";

type Issue = z.core.$ZodRawIssue;

/** Keys whose words do not say what the person typed into. */
const fieldLabels: Record<string, string> = { q: "Search", tz: "Time zone" };

/** The field an issue is about, in words: "orderNumber" -> "Order number", "categoryId" -> "Category". */
export function fieldLabel(path: readonly PropertyKey[] | undefined): string | null {
  const key = [...(path ?? [])].reverse().find((part): part is string => typeof part === "string");
  if (!key) return null;
  const known = fieldLabels[key];
  if (known) return known;
  const words = key
    .replace(/Id$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase()
    .trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : null;
}

const plural = (count: number | bigint, one: string, many = `${one}s`) =>
  `${count.toLocaleString("en")} ${count === 1 ? one : many}`;

/** "Name can be at most 200 characters", or "Use at most 200 characters" when no field is named. */
const limitSentence = (label: string | null, verb: string, limit: string) =>
  label ? `${label} ${verb} ${limit}` : `Use ${limit}`;

function tooBig(issue: Extract<Issue, { code: "too_big" }>, label: string | null): string | undefined {
  const limit = Number(issue.maximum);
  const input = issue.input;
  if (issue.origin === "string") {
    const length = typeof input === "string" ? ` (this has ${input.length.toLocaleString("en")})` : "";
    return `${limitSentence(label, "can be", `at most ${plural(limit, "character")}`)}${length}`;
  }
  if (issue.origin === "array" || issue.origin === "set") {
    return limitSentence(label, "can hold", `at most ${plural(limit, "item")}`);
  }
  if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint") {
    return limitSentence(label, "can be", `at most ${limit.toLocaleString("en")}`);
  }
  return undefined;
}

function tooSmall(issue: Extract<Issue, { code: "too_small" }>, label: string | null): string | undefined {
  const limit = Number(issue.minimum);
  if (issue.origin === "string") {
    if (limit <= 1) return label ? `Enter the ${label.toLowerCase()}` : "Enter a value";
    return limitSentence(label, "needs", `at least ${plural(limit, "character")}`);
  }
  if (issue.origin === "array" || issue.origin === "set") {
    return limitSentence(label, "needs", `at least ${plural(limit, "item")}`);
  }
  if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint") {
    return limitSentence(label, "must be", `at least ${limit.toLocaleString("en")}`);
  }
  return undefined;
}

const typeWords: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "yes or no",
  date: "a date",
  array: "a list",
  object: "a set of fields",
};

/** The message for an issue whose schema gave none; undefined keeps zod's own. */
export function humanIssueMessage(issue: Issue): string | undefined {
  const label = fieldLabel(issue.path);
  const subject = label ?? "This value";
  switch (issue.code) {
    case "too_big":
      return tooBig(issue, label);
    case "too_small":
      return tooSmall(issue, label);
    case "invalid_type":
      if (issue.input === undefined) return `${subject} is required`;
      return `${subject} must be ${typeWords[issue.expected] ?? issue.expected}`;
    case "invalid_format":
      if (issue.format === "email") return "Enter a valid email address, like name@company.com";
      if (issue.format === "uuid" || issue.format === "guid") {
        return label ? `Choose the ${label.toLowerCase()} from the list` : "Choose an item from the list";
      }
      if (issue.format === "date") return `${subject} must be a date like 2026-01-31`;
      return `${subject} is not in the expected format`;
    case "invalid_value":
      return `${subject} must be one of: ${issue.values.map(String).join(", ")}`;
    case "unrecognized_keys":
      return `Unknown ${issue.keys.length === 1 ? "field" : "fields"}: ${issue.keys.join(", ")}`;
    default:
      return undefined;
  }
}
