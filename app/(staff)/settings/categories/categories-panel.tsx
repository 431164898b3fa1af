"use client";

import { useMutation, useSuspenseQuery } from "@tanstack/react-query";
import { Plus, Shapes } from "lucide-react";
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
import { CategoryDialog } from "./category-dialog";
import { FieldsDialog } from "./fields-dialog";

type Open = { kind: "create" } | { kind: "edit" | "fields"; id: string } | null;

export function CategoriesPanel({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefreshReference();
  const [showArchived, setShowArchived] = useState(false);
  const [open, setOpen] = useState<Open>(null);
  const { data: categories } = useSuspenseQuery(
    trpc.reference.categories.queryOptions({ includeArchived: showArchived }),
  );
  const onError = (error: { message: string }) => toast.error(error.message);
  const api = trpc.reference.category;
  const create = useMutation(api.create.mutationOptions());
  const update = useMutation(api.update.mutationOptions());
  const archive = useMutation(api.archive.mutationOptions({ onSuccess: () => void refresh(), onError }));
  const unarchive = useMutation(api.unarchive.mutationOptions({ onSuccess: () => void refresh(), onError }));
  const target = open && open.kind !== "create" ? categories.find((c) => c.id === open.id) : undefined;

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-4">
        <div className="grid gap-1.5">
          <CardTitle>Asset categories</CardTitle>
          <CardDescription>{countLabel(categories.length, "category", "categories")}</CardDescription>
        </div>
        <div className="flex items-center gap-4">
          <ShowArchivedToggle
            id="categories-archived"
            checked={showArchived}
            onChange={(value) => startTransition(() => setShowArchived(value))}
          />
          {canManage ? (
            <Button onClick={() => setOpen({ kind: "create" })}>
              <Plus aria-hidden /> Add category
            </Button>
          ) : null}
        </div>
      </CardHeader>
      <CardContent>
        {categories.length === 0 ? (
          <EmptyState icon={<Shapes />} title="No categories" description="Add one before adding assets." />
        ) : (
          <Table aria-label="Categories">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Depreciation</TableHead>
                <TableHead>Custom fields</TableHead>
                <TableHead className="text-right">Assets</TableHead>
                <TableHead className="w-12 text-right">Actions</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {categories.map((category) => {
                const active = category.fields.filter((field) => !field.archivedAt);
                return (
                  <TableRow key={category.id} data-testid={`category-${category.name}`}>
                    <TableCell>
                      <div className="flex flex-wrap items-center gap-2 font-medium">
                        {category.name} <ArchivedBadge archivedAt={category.archivedAt} />
                      </div>
                    </TableCell>
                    <TableCell className="text-muted-foreground">
                      {category.depreciationMonths
                        ? countLabel(category.depreciationMonths, "month", "months")
                        : "—"}
                    </TableCell>
                    <TableCell className="text-muted-foreground text-sm">
                      {active.length
                        ? active.map((field) => `${field.label}${field.required ? " *" : ""}`).join(", ")
                        : "None"}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{category.assetCount}</TableCell>
                    <TableCell className="text-right">
                      <RowActions
                        name={category.name}
                        actions={[
                          {
                            label: "Edit…",
                            onSelect: () => setOpen({ kind: "edit", id: category.id }),
                            hidden: !canManage,
                          },
                          {
                            label: canManage ? "Custom fields…" : "View custom fields",
                            onSelect: () => setOpen({ kind: "fields", id: category.id }),
                          },
                          {
                            label: category.archivedAt ? "Unarchive" : "Archive",
                            hidden: !canManage,
                            onSelect: () =>
                              category.archivedAt
                                ? unarchive.mutate({ id: category.id })
                                : archive.mutate({ id: category.id }),
                          },
                        ]}
                      />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        )}
      </CardContent>
      {open?.kind === "create" ? (
        <CategoryDialog
          onClose={() => setOpen(null)}
          save={async (values) => {
            const created = await create.mutateAsync(values);
            await refresh();
            toast.success(`${created.name} added; now give it its custom fields`);
            setOpen({ kind: "fields", id: created.id });
          }}
        />
      ) : null}
      {open?.kind === "edit" && target ? (
        <CategoryDialog
          category={target}
          onClose={() => setOpen(null)}
          save={async (values) => {
            await update.mutateAsync({ id: target.id, ...values });
            await refresh();
            toast.success("Category saved");
            setOpen(null);
          }}
        />
      ) : null}
      {open?.kind === "fields" && target ? (
        <FieldsDialog category={target} canManage={canManage} onClose={() => setOpen(null)} />
      ) : null}
    </Card>
  );
}
