"use client";

import { useMutation, useSuspenseQuery } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { startTransition, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/client";
import {
  ArchivedBadge,
  countLabel,
  ShowArchivedToggle,
  useRefreshReference,
} from "../_components/reference-ui";
import { RowActions } from "../_components/row-actions";
import { SimpleNameDialog } from "../_components/simple-name-dialog";

type Open = { kind: "create" } | { kind: "rename"; id: string } | null;

export function ManufacturersCard({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefreshReference();
  const [showArchived, setShowArchived] = useState(false);
  const [open, setOpen] = useState<Open>(null);
  const { data: manufacturers } = useSuspenseQuery(
    trpc.reference.manufacturers.queryOptions({ includeArchived: showArchived }),
  );
  const done = (message: string) => () => {
    toast.success(message);
    void refresh();
  };
  const onError = (error: { message: string }) => toast.error(error.message);
  const api = trpc.reference.manufacturer;
  const create = useMutation(api.create.mutationOptions({ onSuccess: done("Manufacturer added") }));
  const update = useMutation(api.update.mutationOptions({ onSuccess: done("Manufacturer renamed") }));
  const archive = useMutation(
    api.archive.mutationOptions({
      onSuccess: done("Manufacturer archived; its models can no longer be chosen"),
      onError,
    }),
  );
  const unarchive = useMutation(
    api.unarchive.mutationOptions({ onSuccess: done("Manufacturer restored"), onError }),
  );
  const target = open?.kind === "rename" ? manufacturers.find((m) => m.id === open.id) : undefined;

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-4">
        <div className="grid gap-1.5">
          <CardTitle>Manufacturers</CardTitle>
          <CardDescription>
            {countLabel(manufacturers.length, "manufacturer", "manufacturers")}
          </CardDescription>
        </div>
        <div className="flex items-center gap-4">
          <ShowArchivedToggle
            id="manufacturers-archived"
            checked={showArchived}
            onChange={(value) => startTransition(() => setShowArchived(value))}
          />
          {canManage ? (
            <Button onClick={() => setOpen({ kind: "create" })}>
              <Plus aria-hidden /> Add manufacturer
            </Button>
          ) : null}
        </div>
      </CardHeader>
      <CardContent>
        {manufacturers.length === 0 ? (
          <EmptyState
            title="No manufacturers"
            description="Add the makers of your equipment, then their models."
          />
        ) : (
          <Table aria-label="Manufacturers">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead className="text-right">Models</TableHead>
                {canManage ? <TableHead className="w-12 text-right">Actions</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {manufacturers.map((manufacturer) => (
                <TableRow key={manufacturer.id}>
                  <TableCell>
                    <div className="flex flex-wrap items-center gap-2 font-medium">
                      {manufacturer.name} <ArchivedBadge archivedAt={manufacturer.archivedAt} />
                    </div>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{manufacturer.modelCount}</TableCell>
                  {canManage ? (
                    <TableCell className="text-right">
                      <RowActions
                        name={manufacturer.name}
                        actions={[
                          {
                            label: "Rename…",
                            onSelect: () => setOpen({ kind: "rename", id: manufacturer.id }),
                          },
                          {
                            label: manufacturer.archivedAt ? "Unarchive" : "Archive",
                            onSelect: () =>
                              manufacturer.archivedAt
                                ? unarchive.mutate({ id: manufacturer.id })
                                : archive.mutate({ id: manufacturer.id }),
                          },
                        ]}
                      />
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
      {open ? (
        <SimpleNameDialog
          id="manufacturer-name"
          title={target ? `Rename ${target.name}` : "Add manufacturer"}
          description="Names are compared without case or punctuation: “Dell Inc.” and “DELL INC” are one manufacturer."
          submitLabel={target ? "Save" : "Add manufacturer"}
          initialName={target?.name}
          onClose={() => setOpen(null)}
          save={(name) =>
            target ? update.mutateAsync({ id: target.id, name }) : create.mutateAsync({ name })
          }
        />
      ) : null}
    </Card>
  );
}
