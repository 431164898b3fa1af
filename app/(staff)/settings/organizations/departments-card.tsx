"use client";

import { useMutation, useSuspenseQuery } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { startTransition, useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { FormField } from "@/app/_components/ui/form-field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { cn } from "@/app/_lib/cn";
import { useTRPC } from "@/app/_trpc/client";
import {
  ArchivedBadge,
  countLabel,
  ShowArchivedToggle,
  useRefreshReference,
} from "../_components/reference-ui";
import { RowActions } from "../_components/row-actions";
import { AliasesDialog } from "./aliases-dialog";
import { MergeDialog } from "./merge-dialog";
import { NameDialog } from "./name-dialog";
import { useHighlight } from "./use-highlight";

const NONE = "none";
type Open = { kind: "create" } | { kind: "edit" | "aliases" | "merge"; id: string } | null;

export function DepartmentsCard({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefreshReference();
  const [showArchived, setShowArchived] = useState(false);
  const [open, setOpen] = useState<Open>(null);
  const [organizationId, setOrganizationId] = useState<string>(NONE);
  const { highlighted, highlight, rowId } = useHighlight("department");
  const { data: departments } = useSuspenseQuery(
    trpc.reference.departments.queryOptions({ includeArchived: showArchived }),
  );
  const { data: organizations } = useSuspenseQuery(
    trpc.reference.organizations.queryOptions({ includeArchived: false }),
  );
  const done = (message: string) => () => {
    toast.success(message);
    void refresh();
  };
  const create = useMutation(
    trpc.reference.department.create.mutationOptions({ onSuccess: done("Department added") }),
  );
  const update = useMutation(
    trpc.reference.department.update.mutationOptions({ onSuccess: done("Department saved") }),
  );
  const addAlias = useMutation(
    trpc.reference.department.addAlias.mutationOptions({
      onSuccess: (added) => done(`“${added.alias}” is now an alias of ${added.entityName}`)(),
    }),
  );
  const removeAlias = useMutation(
    trpc.reference.department.removeAlias.mutationOptions({ onSuccess: done("Alias removed") }),
  );
  const merge = useMutation(
    trpc.reference.department.merge.mutationOptions({ onSuccess: done("Departments merged") }),
  );
  const archive = useMutation(
    trpc.reference.department.archive.mutationOptions({
      onSuccess: done("Department archived"),
      onError: (e) => toast.error(e.message),
    }),
  );
  const unarchive = useMutation(
    trpc.reference.department.unarchive.mutationOptions({
      onSuccess: done("Department restored"),
      onError: (e) => toast.error(e.message),
    }),
  );

  const target = open && open.kind !== "create" ? departments.find((d) => d.id === open.id) : undefined;
  const orgId = organizationId === NONE ? null : organizationId;
  const openDialog = (next: Open) => {
    const current = next && next.kind !== "create" ? departments.find((d) => d.id === next.id) : undefined;
    setOrganizationId(current?.organizationId ?? NONE);
    setOpen(next);
  };
  const organizationField = (
    <FormField label="Organization" htmlFor="department-organization">
      <Select value={organizationId} onValueChange={setOrganizationId}>
        <SelectTrigger id="department-organization" className="w-full">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={NONE}>No organization</SelectItem>
          {organizations.map((organization) => (
            <SelectItem key={organization.id} value={organization.id}>
              {organization.name}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </FormField>
  );

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-4">
        <div className="grid gap-1.5">
          <CardTitle>Departments</CardTitle>
          <CardDescription>{countLabel(departments.length, "department", "departments")}</CardDescription>
        </div>
        <div className="flex items-center gap-4">
          <ShowArchivedToggle
            id="departments-archived"
            checked={showArchived}
            onChange={(value) => startTransition(() => setShowArchived(value))}
          />
          {canManage ? (
            <Button onClick={() => openDialog({ kind: "create" })}>
              <Plus aria-hidden /> Add department
            </Button>
          ) : null}
        </div>
      </CardHeader>
      <CardContent>
        <Table aria-label="Departments">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Organization</TableHead>
              <TableHead className="text-right">Employees</TableHead>
              {canManage ? <TableHead className="w-12 text-right">Actions</TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {departments.map((department) => (
              <TableRow
                key={department.id}
                id={rowId(department.id)}
                tabIndex={-1}
                data-testid={`department-${department.name}`}
                className={cn(highlighted === department.id && "bg-accent")}
              >
                <TableCell>
                  <div className="flex flex-wrap items-center gap-2 font-medium">
                    {department.name} <ArchivedBadge archivedAt={department.archivedAt} />
                  </div>
                  {department.aliases.length ? (
                    <div className="mt-1 flex flex-wrap items-center gap-1 text-muted-foreground text-xs">
                      Also known as
                      {department.aliases.map((alias) => (
                        <Badge key={alias.id} variant="outline">
                          {alias.alias}
                        </Badge>
                      ))}
                    </div>
                  ) : null}
                </TableCell>
                <TableCell className="text-muted-foreground">{department.organizationName ?? "—"}</TableCell>
                <TableCell className="text-right tabular-nums">{department.employeeCount}</TableCell>
                {canManage ? (
                  <TableCell className="text-right">
                    <RowActions
                      name={department.name}
                      actions={[
                        { label: "Edit…", onSelect: () => openDialog({ kind: "edit", id: department.id }) },
                        {
                          label: "Aliases…",
                          onSelect: () => openDialog({ kind: "aliases", id: department.id }),
                        },
                        {
                          label: "Merge into…",
                          onSelect: () => openDialog({ kind: "merge", id: department.id }),
                        },
                        {
                          label: department.archivedAt ? "Unarchive" : "Archive",
                          onSelect: () =>
                            department.archivedAt
                              ? unarchive.mutate({ id: department.id })
                              : archive.mutate({ id: department.id }),
                        },
                      ]}
                    />
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
      {open?.kind === "create" || open?.kind === "edit" ? (
        <NameDialog
          key={open.kind === "edit" ? open.id : "create"}
          entityType="department"
          mode={open.kind === "edit" ? "rename" : "create"}
          title={target ? `Edit ${target.name}` : undefined}
          initialName={target?.name}
          open
          onOpenChange={(next) => (next ? undefined : setOpen(null))}
          save={(name) =>
            target
              ? update.mutateAsync({ id: target.id, name, organizationId: orgId })
              : create.mutateAsync({ name, organizationId: orgId })
          }
          addAlias={(entityId, alias) => addAlias.mutateAsync({ entityId, alias })}
          onUseExisting={(existing) => highlight(existing.id)}
        >
          {organizationField}
        </NameDialog>
      ) : null}
      {open?.kind === "aliases" && target ? (
        <AliasesDialog
          entity={target}
          canManage={canManage}
          onClose={() => setOpen(null)}
          add={(alias) => addAlias.mutateAsync({ entityId: target.id, alias })}
          remove={(aliasId) => removeAlias.mutateAsync({ aliasId })}
        />
      ) : null}
      {open?.kind === "merge" && target ? (
        <MergeDialog
          duplicate={target}
          candidates={departments.filter((d) => d.id !== target.id && !d.archivedAt)}
          moves={`Its ${countLabel(target.employeeCount, "employee", "employees")}`}
          onClose={() => setOpen(null)}
          merge={(survivorId) => merge.mutateAsync({ survivorId, duplicateId: target.id })}
        />
      ) : null}
    </Card>
  );
}
