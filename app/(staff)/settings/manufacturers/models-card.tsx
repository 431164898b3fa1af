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
import { ModelDialog } from "./model-dialog";

type Open = { kind: "create" } | { kind: "edit"; id: string } | null;

export function ModelsCard({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefreshReference();
  const [showArchived, setShowArchived] = useState(false);
  const [open, setOpen] = useState<Open>(null);
  const { data: models } = useSuspenseQuery(
    trpc.reference.models.queryOptions({ includeArchived: showArchived }),
  );
  const { data: manufacturers } = useSuspenseQuery(
    trpc.reference.manufacturers.queryOptions({ includeArchived: false }),
  );
  const { data: categories } = useSuspenseQuery(
    trpc.reference.categories.queryOptions({ includeArchived: false }),
  );
  const done = (message: string) => () => {
    toast.success(message);
    void refresh();
  };
  const onError = (error: { message: string }) => toast.error(error.message);
  const api = trpc.reference.model;
  const create = useMutation(api.create.mutationOptions({ onSuccess: done("Model added") }));
  const update = useMutation(api.update.mutationOptions({ onSuccess: done("Model saved") }));
  const archive = useMutation(api.archive.mutationOptions({ onSuccess: done("Model archived"), onError }));
  const unarchive = useMutation(
    api.unarchive.mutationOptions({ onSuccess: done("Model restored"), onError }),
  );
  const target = open?.kind === "edit" ? models.find((m) => m.id === open.id) : undefined;

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-4">
        <div className="grid gap-1.5">
          <CardTitle>Models</CardTitle>
          <CardDescription>{countLabel(models.length, "model", "models")}</CardDescription>
        </div>
        <div className="flex items-center gap-4">
          <ShowArchivedToggle
            id="models-archived"
            checked={showArchived}
            onChange={(value) => startTransition(() => setShowArchived(value))}
          />
          {canManage ? (
            <Button onClick={() => setOpen({ kind: "create" })} disabled={manufacturers.length === 0}>
              <Plus aria-hidden /> Add model
            </Button>
          ) : null}
        </div>
      </CardHeader>
      <CardContent>
        {models.length === 0 ? (
          <EmptyState
            title="No models"
            description={
              manufacturers.length ? "Add the models you buy." : "Add a manufacturer first, then its models."
            }
          />
        ) : (
          <Table aria-label="Models">
            <TableHeader>
              <TableRow>
                <TableHead>Model</TableHead>
                <TableHead>Model number</TableHead>
                <TableHead>Category</TableHead>
                <TableHead className="text-right">Assets</TableHead>
                {canManage ? <TableHead className="w-12 text-right">Actions</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {models.map((model) => (
                <TableRow key={model.id}>
                  <TableCell>
                    <div className="flex flex-wrap items-center gap-2 font-medium">
                      <span>
                        <span className="text-muted-foreground">{model.manufacturerName}</span> {model.name}
                      </span>
                      <ArchivedBadge archivedAt={model.archivedAt} />
                    </div>
                  </TableCell>
                  <TableCell className="text-muted-foreground">{model.modelNumber ?? "—"}</TableCell>
                  <TableCell className="text-muted-foreground">{model.categoryName ?? "—"}</TableCell>
                  <TableCell className="text-right tabular-nums">{model.assetCount}</TableCell>
                  {canManage ? (
                    <TableCell className="text-right">
                      <RowActions
                        name={`${model.manufacturerName} ${model.name}`}
                        actions={[
                          { label: "Edit…", onSelect: () => setOpen({ kind: "edit", id: model.id }) },
                          {
                            label: model.archivedAt ? "Unarchive" : "Archive",
                            onSelect: () =>
                              model.archivedAt
                                ? unarchive.mutate({ id: model.id })
                                : archive.mutate({ id: model.id }),
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
        <ModelDialog
          model={target}
          manufacturers={manufacturers}
          categories={categories}
          onClose={() => setOpen(null)}
          save={(values) =>
            target
              ? update.mutateAsync({
                  id: target.id,
                  name: values.name,
                  modelNumber: values.modelNumber,
                  categoryId: values.categoryId,
                })
              : create.mutateAsync(values)
          }
        />
      ) : null}
    </Card>
  );
}
