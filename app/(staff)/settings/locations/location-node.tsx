"use client";

import { ChevronRight } from "lucide-react";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/app/_lib/cn";
import { ArchivedBadge, countLabel } from "../_components/reference-ui";
import { type RowAction, RowActions } from "../_components/row-actions";
import { kindName } from "./location-dialog";
import type { Node } from "./tree-helpers";

type LocationNodeProps = {
  node: Node;
  childrenOf: Map<string | null, Node[]>;
  collapsed: Set<string>;
  toggle: (id: string) => void;
  actionsFor: (node: Node) => RowAction[];
};

/** One location and, when expanded, the nested list of what is inside it. */
export function LocationNode({ node, childrenOf, collapsed, toggle, actionsFor }: LocationNodeProps) {
  const children = childrenOf.get(node.id) ?? [];
  const expanded = !collapsed.has(node.id);
  const groupId = `location-children-${node.id}`;
  const counts = [
    node.assetCount ? countLabel(node.assetCount, "asset", "assets") : null,
    node.employeeCount ? countLabel(node.employeeCount, "person", "people") : null,
  ].filter(Boolean);

  return (
    <li data-testid={`location-${node.name}`}>
      <div
        className={cn(
          "flex items-center gap-2 rounded-md py-1 pr-1 hover:bg-muted/50",
          node.archivedAt && "opacity-70",
        )}
      >
        {children.length ? (
          <Button
            variant="ghost"
            size="icon"
            className="size-7"
            aria-expanded={expanded}
            aria-controls={groupId}
            aria-label={`${expanded ? "Collapse" : "Expand"} ${node.name}`}
            onClick={() => toggle(node.id)}
          >
            <ChevronRight aria-hidden className={cn("transition-transform", expanded && "rotate-90")} />
          </Button>
        ) : (
          <span aria-hidden className="size-7 shrink-0" />
        )}
        <span className="font-medium">{node.name}</span>
        <Badge variant="outline">{kindName(node.kind)}</Badge>
        {node.code ? <span className="font-mono text-muted-foreground text-xs">{node.code}</span> : null}
        {node.itContact ? (
          <span className="text-muted-foreground text-xs">IT contact: {node.itContact.name}</span>
        ) : null}
        <ArchivedBadge archivedAt={node.archivedAt} />
        <span className="ml-auto text-muted-foreground text-xs tabular-nums">{counts.join(" · ")}</span>
        <RowActions name={node.name} actions={actionsFor(node)} />
      </div>
      {children.length && expanded ? (
        <ul id={groupId} aria-label={`Inside ${node.name}`} className="ml-3.5 grid gap-0.5 border-l pl-3">
          {children.map((child) => (
            <LocationNode
              key={child.id}
              node={child}
              childrenOf={childrenOf}
              collapsed={collapsed}
              toggle={toggle}
              actionsFor={actionsFor}
            />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
