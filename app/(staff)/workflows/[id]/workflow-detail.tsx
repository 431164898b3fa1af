"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ChevronLeft } from "lucide-react";
import Link from "next/link";
import { type ReactNode, useState } from "react";
import { DateTime } from "@/app/_components/time-zone";
import { Timeline } from "@/app/_components/timeline";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { PageHeader } from "@/app/_components/ui/page-header";
import { useTRPC } from "@/app/_trpc/client";
import { workflowRules } from "@/server/workflows/rules";
import { openWorkflowStatuses, outcomeLabel, workflowKindLabels } from "../workflow-labels";
import { DueDate, WorkflowStatusBadge } from "../workflow-status-badge";
import { CancelWorkflowDialog } from "./manage-dialogs";
import { StepChecklist } from "./step-checklist";

const linkClass = "underline-offset-4 hover:underline";

/**
 * One workflow: what it is about, its steps with the actions the viewer may take on them, and its
 * history (which shows what started it and what it changed). `canManage`: skipping a step.
 */
export function WorkflowDetailView({ workflowId, canManage }: { workflowId: string; canManage: boolean }) {
  const trpc = useTRPC();
  const { data: workflow } = useSuspenseQuery(trpc.workflows.get.queryOptions({ id: workflowId }));
  const [cancelling, setCancelling] = useState(false);
  const running = openWorkflowStatuses.includes(workflow.status);
  const facts: Array<[string, ReactNode]> = [
    ["Kind", workflowKindLabels[workflow.kind]],
    [
      "Employee",
      workflow.employee ? (
        <Link key="employee" href={`/employees/${workflow.employee.id}`} className={linkClass}>
          {workflow.employee.name}
        </Link>
      ) : null,
    ],
    [
      "Asset",
      workflow.asset ? (
        <Link key="asset" href={`/assets/${workflow.asset.id}`} className={linkClass}>
          <span className="font-mono text-xs">{workflow.asset.tag}</span> {workflow.asset.name}
        </Link>
      ) : null,
    ],
    ["Due", <DueDate key="due" dueAt={workflow.dueAt} overdue={workflow.overdue} />],
    ["Template", `${workflow.templateName} (version ${workflow.templateVersion})`],
    [
      "Started",
      <span key="started">
        <DateTime value={workflow.createdAt} />{" "}
        {workflow.rule
          ? `by the rule "${workflowRules[workflow.rule].label}"`
          : workflow.automated
            ? "by automation"
            : "by hand"}
      </span>,
    ],
    ["Completed", workflow.completedAt ? <DateTime key="completed" value={workflow.completedAt} /> : null],
    ["Outcome", workflow.outcome ? outcomeLabel(workflow.outcome) : null],
    ["Why cancelled", workflow.cancelReason],
  ];

  return (
    <div className="grid gap-6">
      <Link
        href="/workflows"
        className="inline-flex w-fit items-center gap-1 rounded-sm text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
      >
        <ChevronLeft aria-hidden className="size-4" /> Workflows
      </Link>
      <PageHeader
        title={workflow.title}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <span className="sr-only">Status:</span>
            <WorkflowStatusBadge status={workflow.status} />
            <span>
              {workflow.stepsDone} of {workflow.stepsTotal} steps done
            </span>
          </span>
        }
        actions={
          canManage && running ? (
            <Button type="button" variant="outline" onClick={() => setCancelling(true)}>
              Cancel workflow
            </Button>
          ) : null
        }
      />
      {cancelling ? <CancelWorkflowDialog workflow={workflow} onClose={() => setCancelling(false)} /> : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card>
          <CardHeader>
            <CardTitle>Steps</CardTitle>
          </CardHeader>
          <CardContent>
            <StepChecklist workflow={workflow} canManage={canManage} />
          </CardContent>
        </Card>
        <Card className="content-start">
          <CardHeader>
            <CardTitle>Details</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[minmax(7rem,auto)_1fr] gap-x-4 gap-y-2 text-sm">
              {facts
                .filter(([, value]) => value)
                .map(([term, value]) => (
                  <div key={term} className="contents">
                    <dt className="text-muted-foreground">{term}</dt>
                    <dd className="min-w-0 break-words">{value}</dd>
                  </div>
                ))}
            </dl>
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>History</CardTitle>
        </CardHeader>
        <CardContent>
          <Timeline entityType="workflow" entityId={workflow.id} label={`History of ${workflow.title}`} />
        </CardContent>
      </Card>
    </div>
  );
}
