"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CircleCheck } from "lucide-react";
import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormDialog } from "@/app/_components/form-dialog";
import { DateTime } from "@/app/_components/time-zone";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { FormField } from "@/app/_components/ui/form-field";
import { Textarea } from "@/app/_components/ui/textarea";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import type { PortalTask } from "@/server/portal/tasks";

type Open = { action: "complete" | "approve" | "reject"; task: PortalTask } | null;

/** My open steps, each with what to do and the buttons to do it. */
export function PortalTasks() {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.portal.myTasks.queryOptions());
  const [open, setOpen] = useState<Open>(null);
  if (!data) return null;
  if (data.length === 0) {
    return (
      <Card>
        <CardContent>
          <EmptyState
            icon={<CircleCheck aria-hidden />}
            title="Nothing waits for you"
            description="When a workflow needs something from you (a checklist item, an approval), it appears here."
          />
        </CardContent>
      </Card>
    );
  }
  return (
    <>
      <ul className="grid gap-4">
        {data.map((task) => (
          <TaskItem key={task.stepId} task={task} onAction={(action) => setOpen({ action, task })} />
        ))}
      </ul>
      {open ? <TaskDialog action={open.action} task={open.task} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

function TaskItem({
  task,
  onAction,
}: {
  task: PortalTask;
  onAction: (action: "complete" | "approve" | "reject") => void;
}) {
  return (
    <li className="grid gap-2 rounded-lg border bg-card p-4" aria-label={task.title}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-medium">{task.title}</h2>
        {task.overdue ? <Badge variant="destructive">Overdue</Badge> : null}
        {task.status === "rejected" ? <Badge variant="warning">You rejected it</Badge> : null}
      </div>
      <p className="text-sm text-muted-foreground">{task.workflowTitle}</p>
      {task.instructions ? <p className="whitespace-pre-wrap text-sm">{task.instructions}</p> : null}
      <p className="text-sm">
        Due: <DateTime value={task.dueAt} date />
      </p>
      <div className="flex flex-wrap gap-2">
        {task.isApproval ? (
          <>
            <Button onClick={() => onAction("approve")}>Approve</Button>
            {task.status === "pending" ? (
              <Button variant="outline" onClick={() => onAction("reject")}>
                Reject
              </Button>
            ) : null}
          </>
        ) : task.needsEvidence ? (
          <p className="text-sm text-muted-foreground">
            This step needs a file as evidence: IT staff complete it with you.
          </p>
        ) : (
          <Button onClick={() => onAction("complete")}>Mark done</Button>
        )}
      </div>
    </li>
  );
}

const verbs = { complete: "completed", approve: "approved", reject: "rejected" } as const;

/** Done (with the outcome it asks for and a note), approved (with a comment) or rejected (with why). */
function TaskDialog({
  action,
  task,
  onClose,
}: {
  action: "complete" | "approve" | "reject";
  task: PortalTask;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  const [outcome, setOutcome] = useState("");
  const options = {
    onSuccess: () => {
      void queryClient.invalidateQueries(trpc.portal.myTasks.queryFilter());
      void queryClient.invalidateQueries(trpc.workflows.myTasks.queryFilter());
      notifySuccess(`task-${action}`, `“${task.title}” ${verbs[action]}`);
      onClose();
    },
  };
  const complete = useMutation(trpc.workflows.completeStep.mutationOptions(options));
  const approve = useMutation(trpc.workflows.approveStep.mutationOptions(options));
  const reject = useMutation(trpc.workflows.rejectStep.mutationOptions(options));
  const mutation = { complete, approve, reject }[action];
  const textField = { complete: "notes", approve: "comment", reject: "reason" }[action];
  const errors = mutationMessages(mutation.error, ["outcome", textField]);
  const submit = () => {
    if (action === "complete")
      complete.mutate({ stepId: task.stepId, outcome: outcome || undefined, notes: text });
    else if (action === "approve") approve.mutate({ stepId: task.stepId, comment: text });
    else reject.mutate({ stepId: task.stepId, reason: text });
  };
  const labels = {
    complete: { title: `Mark “${task.title}” done`, submit: "Mark done", text: "Note (optional)" },
    approve: { title: `Approve “${task.title}”`, submit: "Approve", text: "Comment (optional)" },
    reject: { title: `Reject “${task.title}”`, submit: "Reject", text: "Why you reject it" },
  }[action];
  return (
    <FormDialog
      title={labels.title}
      description={task.workflowTitle}
      submitLabel={labels.submit}
      destructive={action === "reject"}
      pending={mutation.isPending}
      error={errors.form}
      onClose={onClose}
      onSubmit={submit}
    >
      {action === "complete" && task.outcomes ? (
        <FormField label="How it ended" htmlFor="task-outcome" required error={errors.field("outcome")}>
          <ChoiceSelect
            id="task-outcome"
            value={outcome}
            onChange={setOutcome}
            placeholder="Choose an outcome"
            choices={task.outcomes.map((value) => ({ value, label: value }))}
          />
        </FormField>
      ) : null}
      <FormField
        label={labels.text}
        htmlFor="task-text"
        required={action === "reject"}
        error={errors.field(textField)}
      >
        <Textarea
          id="task-text"
          rows={3}
          limit={1000}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </FormField>
    </FormDialog>
  );
}
