"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ChoiceSelect, recordChoices } from "@/app/_components/choice-select";
import { FormField } from "@/app/_components/ui/form-field";
import { useTRPC, useTRPCClient } from "@/app/_trpc/client";
import { NameCell, ReferenceCard, ReferenceTable } from "../_components/reference-card";
import { countLabel, useReferenceCard } from "../_components/reference-ui";
import { NamedEntityDialogs, type OpenNamed } from "./named-entity-dialogs";
import { useHighlight } from "./use-highlight";

export function DepartmentsCard({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const api = useTRPCClient().reference.department;
  const { archived, change, archiveAction } = useReferenceCard(api, {
    archived: "Department archived",
    restored: "Department restored",
  });
  const [open, setOpen] = useState<OpenNamed>(null);
  const [organizationId, setOrganizationId] = useState("");
  const highlight = useHighlight("department");
  const { data: departments } = useSuspenseQuery(
    trpc.reference.departments.queryOptions({ includeArchived: archived.showArchived }),
  );
  const { data: organizations } = useSuspenseQuery(
    trpc.reference.organizations.queryOptions({ includeArchived: false }),
  );
  /** Opens a dialog; the edit form starts from the department's current organization. */
  const openDialog = (next: OpenNamed) => {
    const current = next && next.kind !== "create" ? departments.find((d) => d.id === next.id) : undefined;
    setOrganizationId(current?.organizationId ?? "");
    setOpen(next);
  };
  const orgId = organizationId || null;

  return (
    <>
      <ReferenceCard
        title="Departments"
        description={countLabel(departments.length, "department", "departments")}
        archivedToggleId="departments-archived"
        archived={archived}
        add={
          canManage ? { label: "Add department", onClick: () => openDialog({ kind: "create" }) } : undefined
        }
      >
        <ReferenceTable
          label="Departments"
          rows={departments}
          rowProps={(department) => ({
            ...highlight.rowProps(department.id),
            "data-testid": `department-${department.name}`,
          })}
          columns={[
            {
              header: "Name",
              cell: (department) => (
                <NameCell archivedAt={department.archivedAt} aliases={department.aliases}>
                  {department.name}
                </NameCell>
              ),
            },
            {
              header: "Organization",
              className: "text-muted-foreground",
              cell: (department) => department.organizationName ?? "—",
            },
            { header: "Employees", numeric: true, cell: (department) => department.employeeCount },
          ]}
          actions={
            canManage
              ? {
                  name: (department) => department.name,
                  of: (department) => [
                    { label: "Edit…", onSelect: () => openDialog({ kind: "edit", id: department.id }) },
                    { label: "Aliases…", onSelect: () => openDialog({ kind: "aliases", id: department.id }) },
                    {
                      label: "Merge into…",
                      onSelect: () => openDialog({ kind: "merge", id: department.id }),
                    },
                    archiveAction(department),
                  ],
                }
              : undefined
          }
        />
      </ReferenceCard>
      <NamedEntityDialogs
        entityType="department"
        open={open}
        onClose={() => setOpen(null)}
        records={departments}
        canManage={canManage}
        api={api}
        onUseExisting={(existing) => highlight.highlight(existing.id)}
        save={(target, name) =>
          target
            ? change(api.update.mutate({ id: target.id, name, organizationId: orgId }), "Department saved")
            : change(api.create.mutate({ name, organizationId: orgId }), "Department added")
        }
        moves={(target) => `Its ${countLabel(target.employeeCount, "employee", "employees")}`}
        mergedMessage="Departments merged"
        editTitle={(target) => `Edit ${target.name}`}
      >
        <FormField label="Organization" htmlFor="department-organization">
          <ChoiceSelect
            id="department-organization"
            value={organizationId}
            onChange={setOrganizationId}
            empty="No organization"
            choices={recordChoices(organizations)}
          />
        </FormField>
      </NamedEntityDialogs>
    </>
  );
}
