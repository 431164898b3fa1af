import { AppError } from "../../errors";

/** Location kinds from the top of the tree down: a child's kind is always below its parent's. */
export const locationKinds = ["site", "building", "floor", "room"] as const;
export type LocationKind = (typeof locationKinds)[number];

const rank = (kind: LocationKind) => locationKinds.indexOf(kind);

export const canContain = (parent: LocationKind, child: LocationKind) => rank(child) > rank(parent);

type Named = { name: string; kind: LocationKind };

/** Refuses to put `child` under `parent` unless its kind is below the parent's. */
export function assertCanContain(parent: Named, child: Named): void {
  if (canContain(parent.kind, child.kind)) return;
  const allowed = locationKinds.filter((kind) => canContain(parent.kind, kind));
  throw new AppError(
    "UNPROCESSABLE",
    allowed.length
      ? `${parent.name} is a ${parent.kind}; it can hold only a ${allowed.join(", ")}, not the ${child.kind} ${child.name}.`
      : `${parent.name} is a room; nothing can be placed inside it.`,
  );
}

type FlatNode = { id: string; name: string; parentId: string | null };

/**
 * Orders a tenant's locations depth first (siblings by name) and gives each its depth and the
 * names of its ancestors. Nodes whose parent is not in the list (hidden archived parents) start
 * their own branch at depth 0, so nothing disappears.
 */
export function arrangeTree<T extends FlatNode>(
  nodes: readonly T[],
): Array<T & { depth: number; path: string[] }> {
  const ids = new Set(nodes.map((node) => node.id));
  const children = new Map<string | null, T[]>();
  for (const node of nodes) {
    const parent = node.parentId && ids.has(node.parentId) ? node.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), node]);
  }
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  const ordered: Array<T & { depth: number; path: string[] }> = [];
  const visit = (parent: string | null, depth: number, path: string[]) => {
    for (const node of children.get(parent) ?? []) {
      ordered.push({ ...node, depth, path });
      visit(node.id, depth + 1, [...path, node.name]);
    }
  };
  visit(null, 0, []);
  return ordered;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "3 assets, 1 sub-location and 2 employees": what a location holds, for messages. */
export function describeContents(contents: { assets: number; children: number; employees: number }): string {
  const parts = [
    contents.assets ? plural(contents.assets, "asset", "assets") : null,
    contents.children ? plural(contents.children, "sub-location", "sub-locations") : null,
    contents.employees ? plural(contents.employees, "employee", "employees") : null,
  ].filter((part): part is string => part !== null);
  if (parts.length <= 1) return parts[0] ?? "nothing";
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}
