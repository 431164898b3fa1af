/** PostgreSQL unique_violation (23505), optionally on one named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  const pgError = error as { code?: string; constraint?: string; message?: string };
  if (pgError.code !== "23505") return false;
  return !constraint || pgError.constraint === constraint || Boolean(pgError.message?.includes(constraint));
}
