import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/router";

export type EmployeeImportView = inferRouterOutputs<AppRouter>["employees"]["import"]["get"];

/** How each problem code reads in the dry run's summary. */
export const employeeProblemLabels: Record<string, string> = {
  parse: "Unreadable line",
  missing: "Missing value",
  invalid: "Invalid value",
  unknown_reference: "Unknown department or location",
  ambiguous_reference: "Ambiguous location",
  archived_reference: "Archived department or location",
  bad_date: "Bad date",
  duplicate_in_file: "Repeated in the file",
  duplicate_existing: "Employee number taken",
  status_change: "Status change",
  unknown_manager: "Manager not found",
  manager_cycle: "Manager loop",
  refused: "Refused while writing",
};
