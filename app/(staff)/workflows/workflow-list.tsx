"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ListChecks } from "lucide-react";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { ListStates } from "@/app/_components/list-states";
import { Pagination } from "@/app/_components/pagination";
import { Card, CardContent } from "@/app/_components/ui/card";
import { Checkbox } from "@/app/_components/ui/checkbox";
import { Label } from "@/app/_components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/client";
import {
  type WorkflowKind,
  type WorkflowStatus,
  workflowKinds,
  workflowStatuses,
} from "@/server/workflows/schemas";
import {
  isFiltered,
  paramsFromWorkflowView,
  WORKFLOW_PAGE_SIZE,
  type WorkflowListView,
  workflowListInput,
  workflowViewFromParams,
} from "./list-params";
import { workflowKindLabels, workflowStatusLabels } from "./workflow-labels";
import { DueDate, WorkflowStatusBadge } from "./workflow-status-badge";

const ANY = "any";
const ME = "me";

const linkClass =
  "rounded-sm underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring";

/** Every workflow of the organization, narrowed by the filters in the URL. `viewerId` is "me". */
export function WorkflowList({ viewerId }: { viewerId: string }) {
  const trpc = useTRPC();
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const view = workflowViewFromParams(new URLSearchParams(searchParams.toString()));
  const list = useQuery({
    ...trpc.workflows.list.queryOptions(workflowListInput(view)),
    placeholderData: keepPreviousData,
  });
  const update = (patch: Partial<WorkflowListView>) => {
    const query = paramsFromWorkflowView({ ...view, page: 1, ...patch }).toString();
    window.history.pushState(null, "", query ? `${pathname}?${query}` : pathname);
  };
  const narrowedBy = [view.employeeId ? "employee" : null, view.assetId ? "asset" : null].filter(Boolean);
  const otherAssignee = view.assigneeUserId && view.assigneeUserId !== viewerId;

  return (
    <Card>
      <CardContent className="grid gap-4">
        <search aria-label="Filter workflows" className="flex flex-wrap items-center gap-3">
          <Select
            value={view.kind ?? ANY}
            onValueChange={(value) => update({ kind: value === ANY ? undefined : (value as WorkflowKind) })}
          >
            <SelectTrigger className="w-52" aria-label="Kind">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ANY}>Any kind</SelectItem>
              {workflowKinds.map((kind) => (
                <SelectItem key={kind} value={kind}>
                  {workflowKindLabels[kind]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <Select
            value={view.status ?? ANY}
            onValueChange={(value) =>
              update({ status: value === ANY ? undefined : (value as WorkflowStatus) })
            }
          >
            <SelectTrigger className="w-44" aria-label="Status">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ANY}>Any status</SelectItem>
              {workflowStatuses.map((status) => (
                <SelectItem key={status} value={status}>
                  {workflowStatusLabels[status]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <Select
            value={view.assigneeUserId === viewerId ? ME : ANY}
            onValueChange={(value) => update({ assigneeUserId: value === ME ? viewerId : undefined })}
          >
            <SelectTrigger className="w-48" aria-label="Assigned to">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ANY}>Assigned to anyone</SelectItem>
              <SelectItem value={ME}>Assigned to me</SelectItem>
            </SelectContent>
          </Select>
          <div className="flex items-center gap-2">
            <Checkbox
              id="workflows-overdue"
              checked={view.overdue}
              onCheckedChange={(checked) => update({ overdue: checked === true })}
            />
            <Label htmlFor="workflows-overdue">Overdue only</Label>
          </div>
          <div className="flex items-center gap-2">
            <Checkbox
              id="workflows-sla"
              checked={view.slaBreached}
              onCheckedChange={(checked) => update({ slaBreached: checked === true })}
            />
            <Label htmlFor="workflows-sla">SLA breached (late, open or done)</Label>
          </div>
          {narrowedBy.length > 0 || otherAssignee ? (
            <button
              type="button"
              className={`text-sm text-muted-foreground ${linkClass}`}
              onClick={() => update({ employeeId: undefined, assetId: undefined, assigneeUserId: undefined })}
            >
              Showing one {[...narrowedBy, otherAssignee ? "assignee" : null].filter(Boolean).join(", ")}{" "}
              only: show all
            </button>
          ) : null}
        </search>
        <ListStates
          noun="workflows"
          query={list}
          page={list.data}
          filtered={isFiltered(view) || view.page > 1}
          noMatch={{ title: "No workflow matches", description: "Try another filter." }}
          empty={{
            icon: <ListChecks aria-hidden />,
            title: "No workflows yet",
            description:
              "Workflows start themselves when an asset is lost, sent to repair or an employee leaves; you can also start one from an asset or an employee.",
          }}
        >
          {(page) => (
            <>
              <Table stickyFirstColumn aria-label="Workflows" aria-busy={list.isPlaceholderData}>
                <TableHeader>
                  <TableRow>
                    <TableHead>Workflow</TableHead>
                    <TableHead>About</TableHead>
                    <TableHead>Status</TableHead>
                    <TableHead>Progress</TableHead>
                    <TableHead>Due</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {page.items.map((workflow) => (
                    <TableRow key={workflow.id}>
                      <TableCell className="whitespace-normal">
                        <Link href={`/workflows/${workflow.id}`} className={`font-medium ${linkClass}`}>
                          {workflow.title}
                        </Link>
                        <span className="block text-xs text-muted-foreground">
                          {workflowKindLabels[workflow.kind]}
                          {workflow.automated ? " · started by automation" : ""}
                        </span>
                      </TableCell>
                      <TableCell className="whitespace-normal">
                        {workflow.employee ? (
                          <Link href={`/employees/${workflow.employee.id}`} className={`block ${linkClass}`}>
                            {workflow.employee.name}
                          </Link>
                        ) : null}
                        {workflow.asset ? (
                          <Link href={`/assets/${workflow.asset.id}`} className={`block ${linkClass}`}>
                            <span className="font-mono text-xs">{workflow.asset.tag}</span>{" "}
                            {workflow.asset.name}
                          </Link>
                        ) : null}
                      </TableCell>
                      <TableCell>
                        <WorkflowStatusBadge status={workflow.status} />
                      </TableCell>
                      <TableCell className="tabular-nums">
                        {workflow.stepsDone} of {workflow.stepsTotal} steps
                      </TableCell>
                      <TableCell>
                        <DueDate dueAt={workflow.dueAt} overdue={workflow.overdue} />
                        {workflow.slaBreached && !workflow.overdue ? (
                          <span className="block text-xs text-destructive">Completed late</span>
                        ) : null}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              <Pagination
                page={view.page}
                pageSize={WORKFLOW_PAGE_SIZE}
                shown={page.items.length}
                total={page.total}
                totalIsCapped={false}
                noun="workflows"
                onPageChange={(next) => update({ page: next })}
              />
            </>
          )}
        </ListStates>
      </CardContent>
    </Card>
  );
}
