"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC, useTRPCClient } from "@/app/_trpc/client";
import { NameCell, ReferenceCard, ReferenceTable } from "../_components/reference-card";
import { countLabel, useReferenceCard } from "../_components/reference-ui";
import { ModelDialog } from "./model-dialog";

type Open = { kind: "create" } | { kind: "edit"; id: string } | null;

export function ModelsCard({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const api = useTRPCClient().reference.model;
  const { archived, change, archiveAction } = useReferenceCard(api, {
    archived: "Model archived",
    restored: "Model restored",
  });
  const [open, setOpen] = useState<Open>(null);
  const { data: models } = useSuspenseQuery(
    trpc.reference.models.queryOptions({ includeArchived: archived.showArchived }),
  );
  const { data: manufacturers } = useSuspenseQuery(
    trpc.reference.manufacturers.queryOptions({ includeArchived: false }),
  );
  const { data: categories } = useSuspenseQuery(
    trpc.reference.categories.queryOptions({ includeArchived: false }),
  );
  const target = open?.kind === "edit" ? models.find((m) => m.id === open.id) : undefined;

  return (
    <>
      <ReferenceCard
        title="Models"
        description={countLabel(models.length, "model", "models")}
        archivedToggleId="models-archived"
        archived={archived}
        add={
          canManage
            ? {
                label: "Add model",
                onClick: () => setOpen({ kind: "create" }),
                disabled: manufacturers.length === 0,
              }
            : undefined
        }
        empty={
          models.length === 0
            ? {
                title: "No models",
                description: manufacturers.length
                  ? "Add the models you buy."
                  : "Add a manufacturer first, then its models.",
              }
            : null
        }
      >
        <ReferenceTable
          label="Models"
          rows={models}
          columns={[
            {
              header: "Model",
              cell: (model) => (
                <NameCell archivedAt={model.archivedAt}>
                  <span>
                    <span className="text-muted-foreground">{model.manufacturerName}</span> {model.name}
                  </span>
                </NameCell>
              ),
            },
            {
              header: "Model number",
              className: "text-muted-foreground",
              cell: (model) => model.modelNumber ?? "—",
            },
            {
              header: "Category",
              className: "text-muted-foreground",
              cell: (model) => model.categoryName ?? "—",
            },
            { header: "Assets", numeric: true, cell: (model) => model.assetCount },
          ]}
          actions={
            canManage
              ? {
                  name: (model) => `${model.manufacturerName} ${model.name}`,
                  of: (model) => [
                    { label: "Edit…", onSelect: () => setOpen({ kind: "edit", id: model.id }) },
                    archiveAction(model),
                  ],
                }
              : undefined
          }
        />
      </ReferenceCard>
      {open ? (
        <ModelDialog
          model={target}
          manufacturers={manufacturers}
          categories={categories}
          onClose={() => setOpen(null)}
          save={({ manufacturerId, ...values }) =>
            target
              ? change(api.update.mutate({ id: target.id, ...values }), "Model saved")
              : change(api.create.mutate({ manufacturerId, ...values }), "Model added")
          }
        />
      ) : null}
    </>
  );
}
