"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormDialog } from "@/app/_components/form-dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { mutationMessages } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_trpc/client";
import { roleLabels, type TenantRole, tenantRoles } from "@/server/roles";
import type { WorkflowDetail } from "@/server/workflows/schemas";
import { assigneeLabel } from "../workflow-labels";
import { ReasonDialog, type StepDialogProps, useAfterStepChange } from "./step-dialogs";

const ROLE_PREFIX = "role:";
const USER_PREFIX = "user:";

/**
 * Gives an open step to someone else: a person with an account, or everyone with a role. The
 * change is recorded in the workflow's history; the new assignee finds it in their tasks.
 */
export function ReassignStepDialog({ step, onClose }: StepDialogProps) {
  const trpc = useTRPC();
  const people = useQuery(trpc.workflows.assignees.queryOptions());
  const current =
    step.assignee.type === "user"
      ? `${USER_PREFIX}${step.assignee.userId}`
      : `${ROLE_PREFIX}${step.assignee.role}`;
  const [choice, setChoice] = useState(current);
  const [unchanged, setUnchanged] = useState(false);
  const after = useAfterStepChange(onClose);
  const reassign = useMutation(
    trpc.workflows.reassignStep.mutationOptions({ onSuccess: after(`"${step.title}" reassigned`) }),
  );
  const errors = mutationMessages(reassign.error, ["assignee"]);
  const choices = [
    ...tenantRoles.map((role: TenantRole) => ({
      value: `${ROLE_PREFIX}${role}`,
      label: `Anyone who is ${roleLabels[role]}`,
    })),
    ...(people.data ?? []).map((person) => ({
      value: `${USER_PREFIX}${person.id}`,
      label: `${person.name} (${roleLabels[person.role]})`,
    })),
  ];
  return (
    <FormDialog
      title={`Reassign "${step.title}"`}
      description={`Now assigned to ${assigneeLabel(step.assignee)}.`}
      submitLabel="Reassign"
      pending={reassign.isPending}
      error={
        errors.form ?? (people.error ? "The people of this organization could not be loaded." : undefined)
      }
      onClose={onClose}
      onSubmit={() => {
        setUnchanged(choice === current);
        if (choice === current) return;
        reassign.mutate({
          stepId: step.id,
          assignee: choice.startsWith(USER_PREFIX)
            ? { type: "user", userId: choice.slice(USER_PREFIX.length) }
            : { type: "role", role: choice.slice(ROLE_PREFIX.length) as TenantRole },
        });
      }}
    >
      <FormField
        label="Assign to"
        htmlFor="step-assignee"
        required
        error={unchanged ? "Choose someone else than the current assignee" : errors.field("assignee")}
      >
        <ChoiceSelect
          id="step-assignee"
          value={choice}
          onChange={setChoice}
          placeholder="Choose a person or a role"
          choices={choices}
        />
      </FormField>
    </FormDialog>
  );
}

/** Cancels a running workflow with the reason why; its steps stay as they were, for the record. */
export function CancelWorkflowDialog({
  workflow,
  onClose,
}: {
  workflow: WorkflowDetail;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const after = useAfterStepChange(onClose);
  const cancel = useMutation(
    trpc.workflows.cancel.mutationOptions({ onSuccess: after(`"${workflow.title}" cancelled`) }),
  );
  const errors = mutationMessages(cancel.error, ["reason"]);
  return (
    <ReasonDialog
      title={`Cancel "${workflow.title}"`}
      description="Nobody can act on its steps any more, and nothing it would have changed is changed. Say why."
      submitLabel="Cancel workflow"
      destructive
      pending={cancel.isPending}
      error={errors.form}
      reasonError={errors.field("reason")}
      required
      onSubmit={(reason) => cancel.mutate({ id: workflow.id, reason })}
      onClose={onClose}
    />
  );
}
