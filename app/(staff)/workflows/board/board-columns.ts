import type { WorkflowKind, WorkflowStatus } from "@/server/workflows/schemas";

// Shared by the board page (a server component, which prefetches each column) and the client
// board: kept out of the "use client" module, whose exports the server sees only as references.

/** The board's columns, in the order work moves through them. */
export const boardStatuses = [
  "pending",
  "in_progress",
  "blocked",
  "completed",
] as const satisfies WorkflowStatus[];
const CARDS_PER_COLUMN = 25;

export const boardColumnInput = (status: WorkflowStatus, kind: WorkflowKind | undefined) => ({
  status,
  kind,
  limit: CARDS_PER_COLUMN,
  offset: 0,
});
