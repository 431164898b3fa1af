/** Each field whose value differs, with its before and after: the `changes` of an update event. */
export function changesBetween<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const previous = before[key];
    const same =
      previous instanceof Date && value instanceof Date
        ? previous.getTime() === value.getTime()
        : JSON.stringify(previous) === JSON.stringify(value);
    if (!same) changes[key] = { before: previous ?? null, after: value };
  }
  return changes;
}
