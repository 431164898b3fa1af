import type { AuditEntryPage } from "@/server/audit/schemas";

/** Shared by the page's prefetch and the table, so both build the same infinite query. */
export const nextAuditCursor = (page: AuditEntryPage): number | null => page.nextCursor;
