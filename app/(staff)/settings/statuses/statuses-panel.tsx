"use client";

import { useMutation, useSuspenseQuery } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { startTransition, useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/client";
import { kindLabels, statusKinds } from "@/server/assets/lifecycle";
import type { StatusColor } from "@/server/reference/schemas/statuses";
import { ConfirmDialog } from "../_components/confirm-dialog";
import {
  ArchivedBadge,
  countLabel,
  ShowArchivedToggle,
  useRefreshReference,
} from "../_components/reference-ui";
import { RowActions } from "../_components/row-actions";
import { swatchOf } from "./status-colors";
import { StatusDialog } from "./status-dialog";

type Open = { kind: "create" } | { kind: "edit" | "delete"; id: string } | null;

export function StatusesPanel({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefreshReference();
  const [showArchived, setShowArchived] = useState(false);
  const [open, setOpen] = useState<Open>(null);
  const { data: statuses } = useSuspenseQuery(
    trpc.reference.statuses.queryOptions({ includeArchived: showArchived }),
  );
  const done = (message: string) => () => {
    toast.success(message);
    void refresh();
  };
  const onError = (error: { message: string }) => toast.error(error.message);
  const api = trpc.reference.status;
  const create = useMutation(api.create.mutationOptions({ onSuccess: done("Status added") }));
  const update = useMutation(api.update.mutationOptions({ onSuccess: done("Status saved") }));
  const remove = useMutation(api.delete.mutationOptions({ onSuccess: done("Status deleted") }));
  const setDefault = useMutation(
    api.setDefault.mutationOptions({
      onSuccess: (status) => done(`${status.label} is now the default`)(),
      onError,
    }),
  );
  const archive = useMutation(api.archive.mutationOptions({ onSuccess: done("Status archived"), onError }));
  const unarchive = useMutation(
    api.unarchive.mutationOptions({ onSuccess: done("Status restored"), onError }),
  );
  const target = open && open.kind !== "create" ? statuses.find((s) => s.id === open.id) : undefined;

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-4">
        <div className="grid gap-1.5">
          <CardTitle>Statuses by lifecycle stage</CardTitle>
          <CardDescription>Exactly one status of each stage is its default.</CardDescription>
        </div>
        <div className="flex items-center gap-4">
          <ShowArchivedToggle
            id="statuses-archived"
            checked={showArchived}
            onChange={(value) => startTransition(() => setShowArchived(value))}
          />
          {canManage ? (
            <Button onClick={() => setOpen({ kind: "create" })}>
              <Plus aria-hidden /> Add status
            </Button>
          ) : null}
        </div>
      </CardHeader>
      <CardContent>
        <Table aria-label="Statuses">
          <TableHeader>
            <TableRow>
              <TableHead>Status</TableHead>
              <TableHead>Stage</TableHead>
              <TableHead className="text-right">Assets</TableHead>
              {canManage ? <TableHead className="w-12 text-right">Actions</TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {statusKinds.flatMap((kind) =>
              statuses
                .filter((status) => status.kind === kind)
                .map((status) => (
                  <TableRow key={status.id} data-testid={`status-${status.label}`}>
                    <TableCell>
                      <div className="flex flex-wrap items-center gap-2 font-medium">
                        <span aria-hidden className={`size-2.5 rounded-full ${swatchOf(status.color)}`} />
                        {status.label}
                        {status.isDefault ? <Badge variant="success">Default</Badge> : null}
                        <ArchivedBadge archivedAt={status.archivedAt} />
                      </div>
                    </TableCell>
                    <TableCell className="text-muted-foreground">{kindLabels[kind]}</TableCell>
                    <TableCell className="text-right tabular-nums">{status.assetCount}</TableCell>
                    {canManage ? (
                      <TableCell className="text-right">
                        <RowActions
                          name={status.label}
                          actions={[
                            { label: "Edit…", onSelect: () => setOpen({ kind: "edit", id: status.id }) },
                            {
                              label: `Make default for ${kindLabels[kind].toLowerCase()}`,
                              hidden: status.isDefault || status.archivedAt !== null,
                              onSelect: () => setDefault.mutate({ id: status.id }),
                            },
                            {
                              label: status.archivedAt ? "Unarchive" : "Archive",
                              hidden: status.isDefault,
                              onSelect: () =>
                                status.archivedAt
                                  ? unarchive.mutate({ id: status.id })
                                  : archive.mutate({ id: status.id }),
                            },
                            {
                              label: "Delete…",
                              destructive: true,
                              hidden: status.isDefault,
                              onSelect: () => setOpen({ kind: "delete", id: status.id }),
                            },
                          ]}
                        />
                      </TableCell>
                    ) : null}
                  </TableRow>
                )),
            )}
          </TableBody>
        </Table>
      </CardContent>
      {open?.kind === "create" ? (
        <StatusDialog onClose={() => setOpen(null)} save={(values) => create.mutateAsync(values)} />
      ) : null}
      {open?.kind === "edit" && target ? (
        <StatusDialog
          status={{ ...target, color: target.color as StatusColor }}
          onClose={() => setOpen(null)}
          save={({ label, kind, color }) => update.mutateAsync({ id: target.id, label, kind, color })}
        />
      ) : null}
      {open?.kind === "delete" && target ? (
        <ConfirmDialog
          title={`Delete ${target.label}?`}
          description={
            target.assetCount > 0
              ? `${target.label} is used by ${countLabel(target.assetCount, "asset", "assets")}; it cannot be deleted. Archive it instead.`
              : "A status that no asset uses or used can be deleted. This cannot be undone."
          }
          confirmLabel="Delete status"
          onClose={() => setOpen(null)}
          confirm={() => remove.mutateAsync({ id: target.id })}
        />
      ) : null}
    </Card>
  );
}
