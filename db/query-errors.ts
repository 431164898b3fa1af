import type { LogEvent } from "kysely";
import { logger } from "../server/logger";

/**
 * Fields a driver error may carry that hold the statement or the values bound to it: PGlite puts
 * the SQL and every parameter (password hashes, emails, tokens) on its errors as `query`,
 * `params` and `queryOptions`; PostgreSQL's `detail` repeats row values ("Key (email)=(…)").
 */
const REVEALING_FIELDS = ["query", "params", "queryOptions", "detail", "internalQuery"] as const;

/**
 * Strips a database error of the SQL and values it carries, in place, before anything else sees
 * it: whatever prints it later (Next.js logging an uncaught error, a console.error) shows only the
 * message, code and position. Exported for tests; `logQueryErrors` applies it to every query.
 */
export function scrubDatabaseError(error: unknown): void {
  if (typeof error !== "object" || error === null) return;
  for (const field of REVEALING_FIELDS) {
    if (field in error) delete (error as Record<string, unknown>)[field];
  }
}

/**
 * Kysely's `log` hook: every failing query's error is scrubbed before Kysely rethrows it, and
 * noted through the redacting logger (the statement without its parameters, at debug level: the
 * caller decides whether the failure is an error worth reporting).
 */
export function logQueryErrors(event: LogEvent): void {
  if (event.level !== "error") return;
  scrubDatabaseError(event.error);
  const { code, message } = (event.error ?? {}) as { code?: string; message?: string };
  logger.debug("query failed", {
    code,
    message,
    sql: event.query.sql.slice(0, 2000),
    ms: Math.round(event.queryDurationMillis),
  });
}

/** A pooled connection that fails while idle (server restart, network) is logged, not thrown. */
export function logPoolError(error: Error): void {
  scrubDatabaseError(error);
  logger.error("database connection error", { error });
}
