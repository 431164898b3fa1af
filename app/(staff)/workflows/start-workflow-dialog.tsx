"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormDialog } from "@/app/_components/form-dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import { workflowKindLabels } from "./workflow-labels";

/** What a workflow started by hand is about: the asset or the person whose page it starts from. */
export type WorkflowSubject = { type: "asset" | "employee"; id: string; name: string };

/** Starts a workflow from one of the organization's templates and opens it. */
export function StartWorkflowDialog({ subject, onClose }: { subject: WorkflowSubject; onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const templates = useQuery(trpc.workflows.templates.queryOptions());
  const [templateId, setTemplateId] = useState("");
  const [missing, setMissing] = useState(false);
  const start = useMutation(
    trpc.workflows.start.mutationOptions({
      onSuccess: ({ id }) => {
        void queryClient.invalidateQueries(trpc.workflows.pathFilter());
        notifySuccess("workflow-start", `Workflow started for ${subject.name}`);
        router.push(`/workflows/${id}`);
      },
    }),
  );
  const errors = mutationMessages(start.error, ["templateId"]);

  return (
    <FormDialog
      title={`Start a workflow for ${subject.name}`}
      description="Its steps, assignees and due dates come from the template you choose."
      submitLabel="Start workflow"
      pending={start.isPending}
      error={errors.form}
      onClose={onClose}
      onSubmit={() => {
        setMissing(!templateId);
        if (!templateId) return;
        start.mutate({
          templateId,
          ...(subject.type === "asset" ? { assetId: subject.id } : { employeeId: subject.id }),
        });
      }}
    >
      <FormField
        label="Template"
        htmlFor="workflow-template"
        required
        error={missing ? "Choose a template" : errors.field("templateId")}
      >
        <ChoiceSelect
          id="workflow-template"
          value={templateId}
          onChange={setTemplateId}
          placeholder={templates.isPending ? "Loading templates…" : "Choose a template"}
          choices={(templates.data ?? []).map((template) => ({
            value: template.id,
            label: `${template.name} (${workflowKindLabels[template.kind]})`,
          }))}
        />
      </FormField>
      {templates.isError ? (
        <p role="alert" className="text-sm text-destructive">
          {templates.error.message}
        </p>
      ) : null}
    </FormDialog>
  );
}
