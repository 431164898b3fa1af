"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { MapPin } from "lucide-react";
import { useState } from "react";
import { useTRPC, useTRPCClient } from "@/app/_trpc/client";
import { canContain } from "@/server/reference/locations/location-tree";
import { ReferenceCard } from "../_components/reference-card";
import { countLabel, useReferenceCard } from "../_components/reference-ui";
import type { RowAction } from "../_components/row-actions";
import { DeleteDialog } from "./delete-dialog";
import { LocationDialog } from "./location-dialog";
import { LocationNode } from "./location-node";
import { MoveDialog } from "./move-dialog";
import { branchOf, childrenByParent, type Node } from "./tree-helpers";

type Open =
  | { kind: "create"; parentId: string | null }
  | { kind: "edit" | "move" | "delete"; id: string }
  | null;

export function LocationsPanel({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const api = useTRPCClient().reference.location;
  const { archived, change, archiveAction } = useReferenceCard(api, {
    archived: "Location archived",
    restored: "Location restored",
  });
  const [open, setOpen] = useState<Open>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const { data: nodes } = useSuspenseQuery(
    trpc.reference.locationTree.queryOptions({ includeArchived: archived.showArchived }),
  );

  const childrenOf = childrenByParent(nodes);
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const target = open && open.kind !== "create" ? byId.get(open.id) : undefined;
  const parent = open?.kind === "create" && open.parentId ? byId.get(open.parentId) : undefined;
  const toggle = (id: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const actionsFor = (node: Node): RowAction[] =>
    canManage
      ? [
          {
            label: "Add inside…",
            hidden: node.kind === "room" || node.archivedAt !== null,
            onSelect: () => setOpen({ kind: "create", parentId: node.id }),
          },
          { label: "Edit…", onSelect: () => setOpen({ kind: "edit", id: node.id }) },
          { label: "Move…", onSelect: () => setOpen({ kind: "move", id: node.id }) },
          archiveAction(node),
          { label: "Delete…", destructive: true, onSelect: () => setOpen({ kind: "delete", id: node.id }) },
        ]
      : [];

  return (
    <>
      <ReferenceCard
        title="Location tree"
        description={`${countLabel(nodes.length, "location", "locations")}. Archiving a location archives everything inside it.`}
        archivedToggleId="locations-archived"
        archived={archived}
        add={
          canManage
            ? { label: "Add site", onClick: () => setOpen({ kind: "create", parentId: null }) }
            : undefined
        }
        empty={
          nodes.length === 0
            ? {
                icon: <MapPin />,
                title: "No locations",
                description: "Add a site, then its buildings, floors and rooms.",
              }
            : null
        }
      >
        <ul aria-label="Locations" className="grid gap-0.5">
          {(childrenOf.get(null) ?? []).map((node) => (
            <LocationNode
              key={node.id}
              node={node}
              childrenOf={childrenOf}
              collapsed={collapsed}
              toggle={toggle}
              actionsFor={actionsFor}
            />
          ))}
        </ul>
      </ReferenceCard>
      {open?.kind === "create" ? (
        <LocationDialog
          parent={parent}
          onClose={() => setOpen(null)}
          save={(values) =>
            change(api.create.mutate({ ...values, parentId: parent?.id ?? null }), "Location added")
          }
        />
      ) : null}
      {open?.kind === "edit" && target ? (
        <LocationDialog
          location={target}
          onClose={() => setOpen(null)}
          save={(values) => change(api.update.mutate({ id: target.id, ...values }), "Location saved")}
        />
      ) : null}
      {open?.kind === "move" && target ? (
        <MoveDialog
          node={target}
          nodes={nodes.filter((node) => canContain(node.kind, target.kind))}
          branch={branchOf(childrenOf, target.id)}
          onClose={() => setOpen(null)}
          move={(parentId) => change(api.move.mutate({ id: target.id, parentId }), "Location moved")}
        />
      ) : null}
      {open?.kind === "delete" && target ? (
        <DeleteDialog
          node={target}
          nodes={nodes}
          branch={branchOf(childrenOf, target.id)}
          onClose={() => setOpen(null)}
          remove={(reassignTo) =>
            change(api.delete.mutate({ id: target.id, reassignTo }), "Location deleted")
          }
        />
      ) : null}
    </>
  );
}
