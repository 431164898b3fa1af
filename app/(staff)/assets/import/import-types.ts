import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/router";

type Outputs = inferRouterOutputs<AppRouter>;
export type ImportView = Outputs["assets"]["import"]["get"];

/** How each problem code reads in the dry run's summary. */
export const problemLabels: Record<string, string> = {
  parse: "Unreadable line",
  missing: "Missing value",
  too_long: "Value too long",
  unknown_reference: "Unknown category, status, location or model",
  ambiguous_reference: "Ambiguous name",
  archived_reference: "Archived reference",
  bad_date: "Bad date",
  bad_number: "Bad number",
  duplicate_in_file: "Tag or serial repeated in the file",
  duplicate_existing: "Tag or serial already used",
  unknown_employee: "Unknown employee",
  assignment_mismatch: "Status and assignee disagree",
  custom_field: "Custom field",
  taken_during_import: "Taken while importing",
};
