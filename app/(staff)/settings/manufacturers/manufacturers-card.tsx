"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC, useTRPCClient } from "@/app/_trpc/client";
import { NameCell, ReferenceCard, ReferenceTable } from "../_components/reference-card";
import { countLabel, useReferenceCard } from "../_components/reference-ui";
import { SimpleNameDialog } from "../_components/simple-name-dialog";

type Open = { kind: "create" } | { kind: "rename"; id: string } | null;

export function ManufacturersCard({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const api = useTRPCClient().reference.manufacturer;
  const { archived, change, archiveAction } = useReferenceCard(api, {
    archived: "Manufacturer archived; its models can no longer be chosen",
    restored: "Manufacturer restored",
  });
  const [open, setOpen] = useState<Open>(null);
  const { data: manufacturers } = useSuspenseQuery(
    trpc.reference.manufacturers.queryOptions({ includeArchived: archived.showArchived }),
  );
  const target = open?.kind === "rename" ? manufacturers.find((m) => m.id === open.id) : undefined;

  return (
    <>
      <ReferenceCard
        title="Manufacturers"
        description={countLabel(manufacturers.length, "manufacturer", "manufacturers")}
        archivedToggleId="manufacturers-archived"
        archived={archived}
        add={
          canManage ? { label: "Add manufacturer", onClick: () => setOpen({ kind: "create" }) } : undefined
        }
        empty={
          manufacturers.length === 0
            ? {
                title: "No manufacturers",
                description: "Add the makers of your equipment, then their models.",
              }
            : null
        }
      >
        <ReferenceTable
          label="Manufacturers"
          rows={manufacturers}
          columns={[
            {
              header: "Name",
              cell: (manufacturer) => (
                <NameCell archivedAt={manufacturer.archivedAt}>{manufacturer.name}</NameCell>
              ),
            },
            { header: "Models", numeric: true, cell: (manufacturer) => manufacturer.modelCount },
          ]}
          actions={
            canManage
              ? {
                  name: (manufacturer) => manufacturer.name,
                  of: (manufacturer) => [
                    { label: "Rename…", onSelect: () => setOpen({ kind: "rename", id: manufacturer.id }) },
                    archiveAction(manufacturer),
                  ],
                }
              : undefined
          }
        />
      </ReferenceCard>
      {open ? (
        <SimpleNameDialog
          id="manufacturer-name"
          title={target ? `Rename ${target.name}` : "Add manufacturer"}
          description="Names are compared without case or punctuation: “Dell Inc.” and “DELL INC” are one manufacturer."
          submitLabel={target ? "Save" : "Add manufacturer"}
          initialName={target?.name}
          onClose={() => setOpen(null)}
          save={(name) =>
            target
              ? change(api.update.mutate({ id: target.id, name }), "Manufacturer renamed")
              : change(api.create.mutate({ name }), "Manufacturer added")
          }
        />
      ) : null}
    </>
  );
}
