import type { PGlite, Results } from "@electric-sql/pglite";

/** How many statements stay prepared; the least recently used one is closed beyond this. */
export declare const PREPARED_STATEMENT_LIMIT: number;

/** `query(sql, params)` over `pglite` with statements run twice kept prepared (see the .mjs). */
export declare function preparedStatements(
  pglite: PGlite,
  options?: { limit?: number },
): {
  query: (sql: string, params?: unknown[]) => Promise<Results>;
  /** How many statements are prepared now. */
  prepared: () => number;
};
