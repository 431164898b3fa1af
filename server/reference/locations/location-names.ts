import { normalizeName } from "../names/normalize";

/** What people write between the levels of a location path: "HQ › Building A › Floor 3", "HQ/Building A". */
const PATH_SEPARATOR = /\s*(?:›|>|\/|\\)\s*/;

/**
 * The matching key of a location name, the same as other reference data's (normalizeName): two
 * locations under one parent may not share it, and the CSV import looks names up by it.
 */
export const locationNameKey = (name: string): string => normalizeName(name);

const pathKey = (segments: readonly string[]) => segments.map(locationNameKey).join(" / ");

/**
 * The keys a location is found by in an import: its name, its code, and its path from each of its
 * ancestors down ("building a / floor 3", "san francisco hq / building a / floor 3"). A name shared
 * by two locations is ambiguous; a path through their parents tells them apart.
 */
export function locationLookupKeys(path: readonly string[], code: string | null): string[] {
  const keys = new Set<string>();
  const name = path.at(-1);
  // A name written like a path ("Building A/B") is found as typed, too.
  if (name) keys.add(locationNameKey(name)).add(locationValueKey(name));
  if (code) keys.add(locationNameKey(code));
  for (let start = 0; start < path.length - 1; start++) keys.add(pathKey(path.slice(start)));
  keys.delete("");
  return [...keys];
}

/** The key a value from a file is looked up by: a path when it has separators, else a name or code. */
export function locationValueKey(value: string): string {
  const segments = value.split(PATH_SEPARATOR).filter((segment) => segment.trim() !== "");
  return segments.length > 1 ? pathKey(segments) : locationNameKey(value);
}
