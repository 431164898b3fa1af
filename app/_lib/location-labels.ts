import type { Choice } from "@/app/_components/choice-select";

type LocationRow = { id: string; name: string; parentId: string | null };

/**
 * Locations as pickers show them: each with its path ("San Francisco HQ › Building A › Floor 3"),
 * sorted by that path, so rooms sit under their building and same-named rooms stay apart.
 */
export function locationOptions(locations: readonly LocationRow[]): Choice[] {
  const byId = new Map(locations.map((location) => [location.id, location]));
  const pathOf = (location: LocationRow): string[] => {
    const names: string[] = [];
    const seen = new Set<string>();
    for (let node: LocationRow | undefined = location; node && !seen.has(node.id); ) {
      seen.add(node.id);
      names.unshift(node.name);
      node = node.parentId ? byId.get(node.parentId) : undefined;
    }
    return names;
  };
  return locations
    .map((location) => ({ value: location.id, label: pathOf(location).join(" › ") }))
    .sort((a, b) => a.label.localeCompare(b.label, "en", { sensitivity: "base", numeric: true }));
}
