import type { LocationTreeNode } from "@/server/reference/locations/schemas";

export type Node = LocationTreeNode;

/** Children of each node (by parent id; the top level under null), in the order the server sent. */
export function childrenByParent(nodes: readonly Node[]): Map<string | null, Node[]> {
  const ids = new Set(nodes.map((node) => node.id));
  const map = new Map<string | null, Node[]>();
  for (const node of nodes) {
    const parent = node.parentId && ids.has(node.parentId) ? node.parentId : null;
    map.set(parent, [...(map.get(parent) ?? []), node]);
  }
  return map;
}

/** The ids of a node and everything below it. */
export function branchOf(children: Map<string | null, Node[]>, id: string): Set<string> {
  const branch = new Set<string>([id]);
  const visit = (parent: string) => {
    for (const child of children.get(parent) ?? []) {
      branch.add(child.id);
      visit(child.id);
    }
  };
  visit(id);
  return branch;
}

/** "San Francisco HQ › Building A › Floor 3": a node named with its ancestors, for pickers. */
export const pathLabel = (node: Node) => [...node.path, node.name].join(" › ");
