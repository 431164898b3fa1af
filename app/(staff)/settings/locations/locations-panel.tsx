"use client";

import { useMutation, useSuspenseQuery } from "@tanstack/react-query";
import { MapPin, Plus } from "lucide-react";
import { startTransition, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { useTRPC } from "@/app/_trpc/client";
import { canContain } from "@/server/reference/location-tree";
import { countLabel, ShowArchivedToggle, useRefreshReference } from "../_components/reference-ui";
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
  const refresh = useRefreshReference();
  const [showArchived, setShowArchived] = useState(false);
  const [open, setOpen] = useState<Open>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const { data: nodes } = useSuspenseQuery(
    trpc.reference.locationTree.queryOptions({ includeArchived: showArchived }),
  );
  const done = (message: string) => () => {
    toast.success(message);
    void refresh();
  };
  const onError = (error: { message: string }) => toast.error(error.message);
  const api = trpc.reference.location;
  const create = useMutation(api.create.mutationOptions({ onSuccess: done("Location added") }));
  const update = useMutation(api.update.mutationOptions({ onSuccess: done("Location saved") }));
  const move = useMutation(api.move.mutationOptions({ onSuccess: done("Location moved") }));
  const remove = useMutation(api.delete.mutationOptions({ onSuccess: done("Location deleted") }));
  const archive = useMutation(api.archive.mutationOptions({ onSuccess: done("Location archived"), onError }));
  const unarchive = useMutation(
    api.unarchive.mutationOptions({ onSuccess: done("Location restored"), onError }),
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
          {
            label: node.archivedAt ? "Unarchive" : "Archive",
            onSelect: () =>
              node.archivedAt ? unarchive.mutate({ id: node.id }) : archive.mutate({ id: node.id }),
          },
          { label: "Delete…", destructive: true, onSelect: () => setOpen({ kind: "delete", id: node.id }) },
        ]
      : [];

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-4">
        <div className="grid gap-1.5">
          <CardTitle>Location tree</CardTitle>
          <CardDescription>
            {countLabel(nodes.length, "location", "locations")}. Archiving a location archives everything
            inside it.
          </CardDescription>
        </div>
        <div className="flex items-center gap-4">
          <ShowArchivedToggle
            id="locations-archived"
            checked={showArchived}
            onChange={(value) => startTransition(() => setShowArchived(value))}
          />
          {canManage ? (
            <Button onClick={() => setOpen({ kind: "create", parentId: null })}>
              <Plus aria-hidden /> Add site
            </Button>
          ) : null}
        </div>
      </CardHeader>
      <CardContent>
        {nodes.length === 0 ? (
          <EmptyState
            icon={<MapPin />}
            title="No locations"
            description="Add a site, then its buildings, floors and rooms."
          />
        ) : (
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
        )}
      </CardContent>
      {open?.kind === "create" ? (
        <LocationDialog
          parent={parent}
          onClose={() => setOpen(null)}
          save={(values) => create.mutateAsync({ ...values, parentId: parent?.id ?? null })}
        />
      ) : null}
      {open?.kind === "edit" && target ? (
        <LocationDialog
          location={target}
          onClose={() => setOpen(null)}
          save={(values) => update.mutateAsync({ id: target.id, ...values })}
        />
      ) : null}
      {open?.kind === "move" && target ? (
        <MoveDialog
          node={target}
          nodes={nodes.filter((node) => canContain(node.kind, target.kind))}
          branch={branchOf(childrenOf, target.id)}
          onClose={() => setOpen(null)}
          move={(parentId) => move.mutateAsync({ id: target.id, parentId })}
        />
      ) : null}
      {open?.kind === "delete" && target ? (
        <DeleteDialog
          node={target}
          nodes={nodes}
          branch={branchOf(childrenOf, target.id)}
          onClose={() => setOpen(null)}
          remove={(reassignTo) => remove.mutateAsync({ id: target.id, reassignTo })}
        />
      ) : null}
    </Card>
  );
}
