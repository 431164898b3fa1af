"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC, useTRPCClient } from "@/app/_trpc/client";
import { NameCell, ReferenceCard, ReferenceTable } from "../_components/reference-card";
import { countLabel, useReferenceCard } from "../_components/reference-ui";
import { NamedEntityDialogs, type OpenNamed } from "./named-entity-dialogs";
import { useHighlight } from "./use-highlight";

export function OrganizationsCard({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const api = useTRPCClient().reference.organization;
  const { archived, change, archiveAction } = useReferenceCard(api, {
    archived: "Organization archived",
    restored: "Organization restored",
  });
  const [open, setOpen] = useState<OpenNamed>(null);
  const highlight = useHighlight("organization");
  const { data: organizations } = useSuspenseQuery(
    trpc.reference.organizations.queryOptions({ includeArchived: archived.showArchived }),
  );

  return (
    <>
      <ReferenceCard
        title="Organizations"
        description="Legal entities or business units that departments belong to"
        archivedToggleId="organizations-archived"
        archived={archived}
        add={
          canManage ? { label: "Add organization", onClick: () => setOpen({ kind: "create" }) } : undefined
        }
        empty={
          organizations.length === 0
            ? { title: "No organizations", description: "Add one to group departments by legal entity." }
            : null
        }
      >
        <ReferenceTable
          label="Organizations"
          rows={organizations}
          rowProps={(organization) => highlight.rowProps(organization.id)}
          columns={[
            {
              header: "Name",
              cell: (organization) => (
                <NameCell archivedAt={organization.archivedAt} aliases={organization.aliases}>
                  {organization.name}
                </NameCell>
              ),
            },
            { header: "Departments", numeric: true, cell: (organization) => organization.departmentCount },
          ]}
          actions={
            canManage
              ? {
                  name: (organization) => organization.name,
                  of: (organization) => [
                    { label: "Rename…", onSelect: () => setOpen({ kind: "edit", id: organization.id }) },
                    { label: "Aliases…", onSelect: () => setOpen({ kind: "aliases", id: organization.id }) },
                    { label: "Merge into…", onSelect: () => setOpen({ kind: "merge", id: organization.id }) },
                    archiveAction(organization),
                  ],
                }
              : undefined
          }
        />
      </ReferenceCard>
      <NamedEntityDialogs
        entityType="organization"
        open={open}
        onClose={() => setOpen(null)}
        records={organizations}
        canManage={canManage}
        api={api}
        onUseExisting={(existing) => highlight.highlight(existing.id)}
        save={(target, name) =>
          target
            ? change(api.update.mutate({ id: target.id, name }), "Organization renamed")
            : change(api.create.mutate({ name }), "Organization added")
        }
        moves={(target) => `Its ${countLabel(target.departmentCount, "department", "departments")}`}
        mergedMessage="Organizations merged"
      />
    </>
  );
}
