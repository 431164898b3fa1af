"use client";

import { useMutation, useSuspenseQuery } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { startTransition, useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
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

type Open = { kind: "create" } | { kind: "rename" | "aliases" | "merge"; id: string } | null;

export function OrganizationsCard({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefreshReference();
  const [showArchived, setShowArchived] = useState(false);
  const [open, setOpen] = useState<Open>(null);
  const { highlighted, highlight, rowId } = useHighlight("organization");
  const { data: organizations } = useSuspenseQuery(
    trpc.reference.organizations.queryOptions({ includeArchived: showArchived }),
  );
  const done = (message: string) => () => {
    toast.success(message);
    void refresh();
  };
  const onError = (error: { message: string }) => toast.error(error.message);
  const api = trpc.reference.organization;
  const create = useMutation(api.create.mutationOptions({ onSuccess: done("Organization added") }));
  const update = useMutation(api.update.mutationOptions({ onSuccess: done("Organization renamed") }));
  const addAlias = useMutation(
    api.addAlias.mutationOptions({
      onSuccess: (added) => done(`“${added.alias}” is now an alias of ${added.entityName}`)(),
    }),
  );
  const removeAlias = useMutation(api.removeAlias.mutationOptions({ onSuccess: done("Alias removed") }));
  const merge = useMutation(api.merge.mutationOptions({ onSuccess: done("Organizations merged") }));
  const archive = useMutation(
    api.archive.mutationOptions({ onSuccess: done("Organization archived"), onError }),
  );
  const unarchive = useMutation(
    api.unarchive.mutationOptions({ onSuccess: done("Organization restored"), onError }),
  );
  const target = open && open.kind !== "create" ? organizations.find((o) => o.id === open.id) : undefined;

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-4">
        <div className="grid gap-1.5">
          <CardTitle>Organizations</CardTitle>
          <CardDescription>Legal entities or business units that departments belong to</CardDescription>
        </div>
        <div className="flex items-center gap-4">
          <ShowArchivedToggle
            id="organizations-archived"
            checked={showArchived}
            onChange={(value) => startTransition(() => setShowArchived(value))}
          />
          {canManage ? (
            <Button onClick={() => setOpen({ kind: "create" })}>
              <Plus aria-hidden /> Add organization
            </Button>
          ) : null}
        </div>
      </CardHeader>
      <CardContent>
        {organizations.length === 0 ? (
          <EmptyState title="No organizations" description="Add one to group departments by legal entity." />
        ) : (
          <Table aria-label="Organizations">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead className="text-right">Departments</TableHead>
                {canManage ? <TableHead className="w-12 text-right">Actions</TableHead> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {organizations.map((organization) => (
                <TableRow
                  key={organization.id}
                  id={rowId(organization.id)}
                  tabIndex={-1}
                  className={cn(highlighted === organization.id && "bg-accent")}
                >
                  <TableCell>
                    <div className="flex flex-wrap items-center gap-2 font-medium">
                      {organization.name} <ArchivedBadge archivedAt={organization.archivedAt} />
                    </div>
                    {organization.aliases.length ? (
                      <div className="mt-1 flex flex-wrap items-center gap-1 text-muted-foreground text-xs">
                        Also known as
                        {organization.aliases.map((alias) => (
                          <Badge key={alias.id} variant="outline">
                            {alias.alias}
                          </Badge>
                        ))}
                      </div>
                    ) : null}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{organization.departmentCount}</TableCell>
                  {canManage ? (
                    <TableCell className="text-right">
                      <RowActions
                        name={organization.name}
                        actions={[
                          {
                            label: "Rename…",
                            onSelect: () => setOpen({ kind: "rename", id: organization.id }),
                          },
                          {
                            label: "Aliases…",
                            onSelect: () => setOpen({ kind: "aliases", id: organization.id }),
                          },
                          {
                            label: "Merge into…",
                            onSelect: () => setOpen({ kind: "merge", id: organization.id }),
                          },
                          {
                            label: organization.archivedAt ? "Unarchive" : "Archive",
                            onSelect: () =>
                              organization.archivedAt
                                ? unarchive.mutate({ id: organization.id })
                                : archive.mutate({ id: organization.id }),
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
      {open?.kind === "create" || open?.kind === "rename" ? (
        <NameDialog
          key={open.kind === "rename" ? open.id : "create"}
          entityType="organization"
          mode={open.kind}
          initialName={target?.name}
          open
          onOpenChange={(next) => (next ? undefined : setOpen(null))}
          save={(name) =>
            target ? update.mutateAsync({ id: target.id, name }) : create.mutateAsync({ name })
          }
          addAlias={(entityId, alias) => addAlias.mutateAsync({ entityId, alias })}
          onUseExisting={(existing) => highlight(existing.id)}
        />
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
          candidates={organizations.filter((o) => o.id !== target.id && !o.archivedAt)}
          moves={`Its ${countLabel(target.departmentCount, "department", "departments")}`}
          onClose={() => setOpen(null)}
          merge={(survivorId) => merge.mutateAsync({ survivorId, duplicateId: target.id })}
        />
      ) : null}
    </Card>
  );
}
