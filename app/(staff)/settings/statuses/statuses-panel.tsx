"use client";

import { useMutation, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/app/_components/ui/badge";
import { useTRPC, useTRPCClient } from "@/app/_trpc/client";
import { kindLabels, statusKinds } from "@/server/assets/lifecycle";
import type { StatusColor } from "@/server/reference/statuses/schemas";
import { ConfirmDialog } from "../_components/confirm-dialog";
import { NameCell, ReferenceCard, ReferenceTable } from "../_components/reference-card";
import { countLabel, useReferenceCard } from "../_components/reference-ui";
import { swatchOf } from "./status-colors";
import { StatusDialog } from "./status-dialog";

type Open = { kind: "create" } | { kind: "edit" | "delete"; id: string } | null;

export function StatusesPanel({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const api = useTRPCClient().reference.status;
  const { archived, change, archiveAction } = useReferenceCard(api, {
    archived: "Status archived",
    restored: "Status restored",
  });
  const [open, setOpen] = useState<Open>(null);
  const { data: statuses } = useSuspenseQuery(
    trpc.reference.statuses.queryOptions({ includeArchived: archived.showArchived }),
  );
  const setDefault = useMutation({
    mutationFn: (id: string) =>
      change(api.setDefault.mutate({ id }), (status) => `${status.label} is now the default`),
    onError: (error) => toast.error(error.message),
  });
  const byStage = statusKinds.flatMap((kind) => statuses.filter((status) => status.kind === kind));
  const target = open && open.kind !== "create" ? statuses.find((s) => s.id === open.id) : undefined;

  return (
    <>
      <ReferenceCard
        title="Statuses by lifecycle stage"
        description="Exactly one status of each stage is its default."
        archivedToggleId="statuses-archived"
        archived={archived}
        add={canManage ? { label: "Add status", onClick: () => setOpen({ kind: "create" }) } : undefined}
      >
        <ReferenceTable
          label="Statuses"
          rows={byStage}
          rowProps={(status) => ({ "data-testid": `status-${status.label}` })}
          columns={[
            {
              header: "Status",
              cell: (status) => (
                <NameCell archivedAt={status.archivedAt}>
                  <span aria-hidden className={`size-2.5 rounded-full ${swatchOf(status.color)}`} />
                  {status.label}
                  {status.isDefault ? <Badge variant="success">Default</Badge> : null}
                </NameCell>
              ),
            },
            {
              header: "Stage",
              className: "text-muted-foreground",
              cell: (status) => kindLabels[status.kind],
            },
            { header: "Assets", numeric: true, cell: (status) => status.assetCount },
          ]}
          actions={
            canManage
              ? {
                  name: (status) => status.label,
                  of: (status) => [
                    { label: "Edit…", onSelect: () => setOpen({ kind: "edit", id: status.id }) },
                    {
                      label: `Make default for ${kindLabels[status.kind].toLowerCase()}`,
                      hidden: status.isDefault || status.archivedAt !== null,
                      onSelect: () => setDefault.mutate(status.id),
                    },
                    archiveAction(status, { hidden: status.isDefault }),
                    {
                      label: "Delete…",
                      destructive: true,
                      hidden: status.isDefault,
                      onSelect: () => setOpen({ kind: "delete", id: status.id }),
                    },
                  ],
                }
              : undefined
          }
        />
      </ReferenceCard>
      {open?.kind === "create" ? (
        <StatusDialog
          onClose={() => setOpen(null)}
          save={(values) => change(api.create.mutate(values), "Status added")}
        />
      ) : null}
      {open?.kind === "edit" && target ? (
        <StatusDialog
          status={{ ...target, color: target.color as StatusColor }}
          onClose={() => setOpen(null)}
          save={({ label, kind, color }) =>
            change(api.update.mutate({ id: target.id, label, kind, color }), "Status saved")
          }
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
          confirm={() => change(api.delete.mutate({ id: target.id }), "Status deleted")}
        />
      ) : null}
    </>
  );
}
