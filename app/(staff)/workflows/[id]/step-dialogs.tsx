"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import type { FileOwner } from "@/app/_components/file-types";
import { FileUploader } from "@/app/_components/file-uploader";
import { FormDialog } from "@/app/_components/form-dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { Textarea } from "@/app/_components/ui/textarea";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import { roleLabels } from "@/server/roles";
import type { StepActionResult, WorkflowStep } from "@/server/workflows/schemas";
import { outcomeLabel, workflowStatusLabels } from "../workflow-labels";

const REASON_LIMIT = 1000;

/**
 * What every step action does once it went through: refresh the workflow, its lists and my tasks,
 * and what a completion action changed (an asset returned or back in stock), then say where the
 * workflow stands.
 */
export function useAfterStepChange(onClose: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (done: string) => (result: StepActionResult) => {
    for (const filter of [
      trpc.workflows.pathFilter(),
      trpc.assets.pathFilter(),
      trpc.employees.pathFilter(),
      trpc.audit.pathFilter(),
    ])
      void queryClient.invalidateQueries(filter);
    const where =
      result.status === "completed"
        ? "the workflow is complete"
        : `the workflow is ${workflowStatusLabels[result.status].toLowerCase()}`;
    notifySuccess("workflow-step", `${done}; ${where}`);
    onClose();
  };
}

export type StepDialogProps = { step: WorkflowStep; onClose: () => void };

/**
 * Completes a step: its outcome when it has several ("found" or "confirmed lost"), its evidence
 * when it asks for a file (uploaded to the workflow's asset or employee), and optional notes.
 */
export function CompleteStepDialog({
  step,
  evidenceOwner,
  onClose,
}: StepDialogProps & { evidenceOwner: FileOwner | null }) {
  const trpc = useTRPC();
  const [outcome, setOutcome] = useState("");
  const [notes, setNotes] = useState("");
  const [evidence, setEvidence] = useState<{ id: string; name: string } | null>(null);
  const [missing, setMissing] = useState<{ outcome?: boolean; evidence?: boolean }>({});
  const after = useAfterStepChange(onClose);
  const complete = useMutation(
    trpc.workflows.completeStep.mutationOptions({ onSuccess: after(`"${step.title}" is done`) }),
  );
  const errors = mutationMessages(complete.error, ["outcome", "evidenceFileId", "notes"]);

  const submit = () => {
    const lacking = {
      outcome: Boolean(step.outcomes) && !outcome,
      evidence: step.needsEvidence && !evidence,
    };
    setMissing(lacking);
    if (lacking.outcome || lacking.evidence) return;
    complete.mutate({
      stepId: step.id,
      outcome: outcome || undefined,
      evidenceFileId: evidence?.id,
      notes: notes.trim() || undefined,
    });
  };

  return (
    <FormDialog
      title={`Complete "${step.title}"`}
      description={
        step.action
          ? "Completing it also records the change on the asset, as the step says."
          : "Mark this step as done."
      }
      submitLabel="Complete step"
      pending={complete.isPending}
      error={errors.form}
      onClose={onClose}
      onSubmit={submit}
    >
      {step.outcomes ? (
        <FormField
          label="Outcome"
          htmlFor="step-outcome"
          required
          error={missing.outcome ? "Choose how it ended" : errors.field("outcome")}
        >
          <ChoiceSelect
            id="step-outcome"
            value={outcome}
            onChange={setOutcome}
            placeholder="Choose an outcome"
            choices={step.outcomes.map((value) => ({ value, label: outcomeLabel(value) }))}
          />
        </FormField>
      ) : null}
      {step.needsEvidence ? (
        <div className="grid gap-2">
          {evidenceOwner ? (
            <FileUploader owner={evidenceOwner} onUploaded={async (file) => setEvidence(file)} />
          ) : null}
          <p
            className={
              missing.evidence || errors.field("evidenceFileId")
                ? "text-sm text-destructive"
                : "text-sm text-muted-foreground"
            }
            role={missing.evidence ? "alert" : undefined}
          >
            {evidence
              ? `Evidence: ${evidence.name}`
              : (errors.field("evidenceFileId") ??
                (evidenceOwner
                  ? "This step needs evidence: attach a file or photo."
                  : "This step needs evidence, and this workflow has no asset or employee to keep it with."))}
          </p>
        </div>
      ) : null}
      <FormField label="Notes" htmlFor="step-notes" error={errors.field("notes")}>
        <Textarea
          id="step-notes"
          limit={REASON_LIMIT}
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
          rows={2}
        />
      </FormField>
    </FormDialog>
  );
}

/** A reason is required to skip or reject a step: the next person reads it in the checklist. */
export function ReasonDialog({
  title,
  description,
  submitLabel,
  pending,
  error,
  reasonError,
  destructive,
  required,
  onSubmit,
  onClose,
}: {
  title: string;
  description: string;
  submitLabel: string;
  pending: boolean;
  error: string | undefined;
  reasonError: string | undefined;
  destructive?: boolean;
  required: boolean;
  onSubmit: (reason: string) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  return (
    <FormDialog
      title={title}
      description={description}
      submitLabel={submitLabel}
      pending={pending}
      error={error}
      destructive={destructive}
      onClose={onClose}
      onSubmit={() => {
        const trimmed = reason.trim();
        setMissing(required && !trimmed);
        if (!required || trimmed) onSubmit(trimmed);
      }}
    >
      <FormField
        label={required ? "Reason" : "Comment"}
        htmlFor="step-reason"
        required={required}
        error={missing ? "Say why" : reasonError}
      >
        <Textarea
          id="step-reason"
          limit={REASON_LIMIT}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          rows={3}
        />
      </FormField>
    </FormDialog>
  );
}

export function SkipStepDialog({ step, onClose }: StepDialogProps) {
  const trpc = useTRPC();
  const after = useAfterStepChange(onClose);
  const skip = useMutation(
    trpc.workflows.skipStep.mutationOptions({ onSuccess: after(`"${step.title}" skipped`) }),
  );
  const errors = mutationMessages(skip.error, ["reason"]);
  return (
    <ReasonDialog
      title={`Skip "${step.title}"`}
      description="The step counts as done without its action. Say why, for whoever reads this later."
      submitLabel="Skip step"
      pending={skip.isPending}
      error={errors.form}
      reasonError={errors.field("reason")}
      required
      onSubmit={(reason) => skip.mutate({ stepId: step.id, reason })}
      onClose={onClose}
    />
  );
}

export function ApproveStepDialog({ step, onClose }: StepDialogProps) {
  const trpc = useTRPC();
  const after = useAfterStepChange(onClose);
  const approve = useMutation(
    trpc.workflows.approveStep.mutationOptions({ onSuccess: after(`"${step.title}" approved`) }),
  );
  const errors = mutationMessages(approve.error, ["comment"]);
  return (
    <ReasonDialog
      title={`Approve "${step.title}"`}
      description={`You approve as ${step.needsApproval ? roleLabels[step.needsApproval] : "approver"}; a comment is optional.`}
      submitLabel="Approve"
      pending={approve.isPending}
      error={errors.form}
      reasonError={errors.field("comment")}
      required={false}
      onSubmit={(comment) => approve.mutate({ stepId: step.id, comment: comment || undefined })}
      onClose={onClose}
    />
  );
}

export function RejectStepDialog({ step, onClose }: StepDialogProps) {
  const trpc = useTRPC();
  const after = useAfterStepChange(onClose);
  const reject = useMutation(
    trpc.workflows.rejectStep.mutationOptions({ onSuccess: after(`"${step.title}" rejected`) }),
  );
  const errors = mutationMessages(reject.error, ["reason"]);
  return (
    <ReasonDialog
      title={`Reject "${step.title}"`}
      description="The workflow is blocked until the step is approved or skipped. Say what has to change."
      submitLabel="Reject"
      destructive
      pending={reject.isPending}
      error={errors.form}
      reasonError={errors.field("reason")}
      required
      onSubmit={(reason) => reject.mutate({ stepId: step.id, reason })}
      onClose={onClose}
    />
  );
}
