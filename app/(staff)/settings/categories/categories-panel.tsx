"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { Shapes } from "lucide-react";
import { useState } from "react";
import { useTRPC, useTRPCClient } from "@/app/_trpc/client";
import { NameCell, ReferenceCard, ReferenceTable } from "../_components/reference-card";
import { countLabel, useReferenceCard } from "../_components/reference-ui";
import { CategoryDialog } from "./category-dialog";
import { FieldsDialog } from "./fields-dialog";

type Open = { kind: "create" } | { kind: "edit" | "fields"; id: string } | null;

export function CategoriesPanel({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const api = useTRPCClient().reference.category;
  const { archived, change, archiveAction } = useReferenceCard(api, {
    archived: "Category archived",
    restored: "Category restored",
  });
  const [open, setOpen] = useState<Open>(null);
  const { data: categories } = useSuspenseQuery(
    trpc.reference.categories.queryOptions({ includeArchived: archived.showArchived }),
  );
  const target = open && open.kind !== "create" ? categories.find((c) => c.id === open.id) : undefined;

  return (
    <>
      <ReferenceCard
        title="Asset categories"
        description={countLabel(categories.length, "category", "categories")}
        archivedToggleId="categories-archived"
        archived={archived}
        add={canManage ? { label: "Add category", onClick: () => setOpen({ kind: "create" }) } : undefined}
        empty={
          categories.length === 0
            ? { icon: <Shapes />, title: "No categories", description: "Add one before adding assets." }
            : null
        }
      >
        <ReferenceTable
          label="Categories"
          rows={categories}
          rowProps={(category) => ({ "data-testid": `category-${category.name}` })}
          columns={[
            {
              header: "Name",
              cell: (category) => <NameCell archivedAt={category.archivedAt}>{category.name}</NameCell>,
            },
            {
              header: "Depreciation",
              className: "text-muted-foreground",
              cell: (category) =>
                category.depreciationMonths
                  ? countLabel(category.depreciationMonths, "month", "months")
                  : "—",
            },
            {
              header: "Custom fields",
              className: "text-muted-foreground text-sm",
              cell: (category) => {
                const active = category.fields.filter((field) => !field.archivedAt);
                return active.length
                  ? active.map((field) => `${field.label}${field.required ? " *" : ""}`).join(", ")
                  : "None";
              },
            },
            { header: "Assets", numeric: true, cell: (category) => category.assetCount },
          ]}
          actions={{
            name: (category) => category.name,
            of: (category) => [
              {
                label: "Edit…",
                onSelect: () => setOpen({ kind: "edit", id: category.id }),
                hidden: !canManage,
              },
              {
                label: canManage ? "Custom fields…" : "View custom fields",
                onSelect: () => setOpen({ kind: "fields", id: category.id }),
              },
              archiveAction(category, { hidden: !canManage }),
            ],
          }}
        />
      </ReferenceCard>
      {open?.kind === "create" ? (
        <CategoryDialog
          onClose={() => setOpen(null)}
          save={async (values) => {
            const created = await change(
              api.create.mutate(values),
              (saved) => `${saved.name} added; now give it its custom fields`,
            );
            setOpen({ kind: "fields", id: created.id });
          }}
        />
      ) : null}
      {open?.kind === "edit" && target ? (
        <CategoryDialog
          category={target}
          onClose={() => setOpen(null)}
          save={async (values) => {
            await change(api.update.mutate({ id: target.id, ...values }), "Category saved");
            setOpen(null);
          }}
        />
      ) : null}
      {open?.kind === "fields" && target ? (
        <FieldsDialog category={target} canManage={canManage} onClose={() => setOpen(null)} />
      ) : null}
    </>
  );
}
