/** Reading an event's `data` for people: its before/after changes and its other recorded values. */
export type FieldChange = { field: string; before: unknown; after: unknown };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The `changes` of an update event (see inngest/events.ts), or null when it has none. */
export function changesOf(data: Record<string, unknown>): FieldChange[] | null {
  const { changes } = data;
  if (!isRecord(changes)) return null;
  const list = Object.entries(changes)
    .filter((entry): entry is [string, { before: unknown; after: unknown }] => isRecord(entry[1]))
    .map(([field, change]) => ({ field, before: change.before, after: change.after }));
  return list.length > 0 ? list : null;
}

/** Every recorded value except the changes, in the order the event stored them. */
export function otherValuesOf(data: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(data).filter(([key]) => key !== "changes" || !changesOf(data));
}

export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

const acronyms = new Set(["id", "ip", "url", "os", "mac"]);

/** "expiresAt" -> "Expires at", "last_name" -> "Last name", "ip" -> "IP" */
export function humanizeField(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_.-]+/g, " ")
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((word) => (acronyms.has(word) ? word.toUpperCase() : word))
    .join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A uuid is long; its first block is enough to tell records apart on screen. */
export const shortId = (id: string): string =>
  /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(id) ? id.slice(0, 8) : id;
