/** What an update changed: each field with its value before and after (the catalog's `changes`). */
export type Changes = Record<string, { before: unknown; after: unknown }>;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * A value as JSON with object keys sorted: a jsonb column hands its keys back in its own order, so
 * comparing plain JSON would see a change where there is none. Dates compare by their instant.
 */
const canonical = (value: unknown) =>
  JSON.stringify(value ?? null, (_key, inner: unknown) =>
    isPlainObject(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );

/**
 * The `changes` of every update event (`*.updated`, `user.role_changed`, ...), so each has the one
 * shape the audit log and timelines read: every field given in `after` (undefined means not given)
 * whose value differs from `before`, with both values, a missing before being null. An empty
 * result means the update changes nothing.
 */
export function changesBetween<T extends Record<string, unknown>>(
  before: T,
  after: { [K in keyof T]?: unknown },
): Changes {
  const changes: Changes = {};
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const previous = before[key] ?? null;
    if (canonical(previous) !== canonical(value)) changes[key] = { before: previous, after: value };
  }
  return changes;
}
