"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Copy, Plus, Trash2 } from "lucide-react";
import { type FormEvent, useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormError } from "@/app/_components/form-error";
import { SortableList } from "@/app/_components/sortable-list";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useSubmission } from "@/app/_lib/use-submission";
import { useTRPC } from "@/app/_trpc/client";
import { templateTextLimits, type WorkflowTemplate } from "@/server/workflows/schemas";
import { workflowKindLabels } from "../../workflows/workflow-labels";
import { DuplicateTemplateDialog } from "./duplicate-template-dialog";
import { StepFields } from "./step-fields";
import { blankStep, problemsOf, type StepErrors, toDraft, toStep } from "./template-draft";

/** The editor of one template: name, description and its ordered steps, saved as a new version. */
function TemplateForm({ template }: { template: WorkflowTemplate }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: people } = useSuspenseQuery(trpc.workflows.assignees.queryOptions());
  const [name, setName] = useState(template.name);
  const [description, setDescription] = useState(template.description);
  const [escalationHours, setEscalationHours] = useState(
    template.approvalEscalationHours === null ? "" : String(template.approvalEscalationHours),
  );
  const [hoursProblem, setHoursProblem] = useState<string>();
  const [steps, setSteps] = useState(() => template.steps.map(toDraft));
  // Keyed by step, so an error stays on its step when the step is moved.
  const [problems, setProblems] = useState<Record<string, StepErrors>>({});
  const save = useMutation(trpc.workflows.updateTemplate.mutationOptions());
  const { error, pending, submit } = useSubmission();
  const messages = mutationMessages(error, ["name", "description", "approvalEscalationHours"]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = problemsOf(steps);
    setProblems(Object.fromEntries(steps.map((step, index) => [step.key, found[index] ?? {}])));
    const hours = escalationHours.trim();
    const badHours =
      hours !== "" && !(Number.isInteger(Number(hours)) && Number(hours) >= 1 && Number(hours) <= 2160);
    setHoursProblem(badHours ? "Enter whole hours from 1 to 2160, or leave it empty" : undefined);
    if (badHours || found.some((errors) => Object.keys(errors).length > 0)) return;
    const saved = await submit(() =>
      save.mutateAsync({
        templateId: template.id,
        baseVersion: template.version,
        name,
        description,
        approvalEscalationHours: hours === "" ? null : Number(hours),
        steps: steps.map(toStep),
      }),
    );
    if (!saved) return;
    await queryClient.invalidateQueries({ queryKey: trpc.workflows.templates.queryKey() });
    notifySuccess("workflow-template", `${name} saved as version ${template.version + 1}`);
  };

  return (
    <form className="grid gap-4" onSubmit={onSubmit} aria-label={`Edit ${template.name}`} noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Name" htmlFor="template-name" required error={messages.field("name")}>
          <Input
            id="template-name"
            value={name}
            limit={templateTextLimits.name}
            onChange={(e) => setName(e.target.value)}
          />
        </FormField>
        <FormField label="Description" htmlFor="template-description" error={messages.field("description")}>
          <Input
            id="template-description"
            value={description}
            limit={templateTextLimits.description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </FormField>
        <FormField
          label="Escalate an approval after (hours past its due date)"
          htmlFor="template-escalation"
          description="Empty: the organization's escalation rule (Settings, Automation rules)."
          error={hoursProblem ?? messages.field("approvalEscalationHours")}
        >
          <Input
            id="template-escalation"
            type="number"
            inputMode="numeric"
            min={1}
            value={escalationHours}
            onChange={(e) => setEscalationHours(e.target.value)}
          />
        </FormField>
      </div>
      <SortableList
        items={steps}
        itemId={(step) => step.key}
        itemLabel={(step) => step.title.trim() || "Untitled step"}
        noun="step"
        label="Template steps"
        onReorder={(next) => setSteps(next)}
        itemProps={(step, index) => ({
          "aria-label": `Step ${index + 1}: ${step.title.trim() || "Untitled step"}`,
          className: "grid gap-3 rounded-md border bg-card p-3",
        })}
      >
        {(step, { position, handle, moveButtons }) => (
          <>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="flex items-center gap-1">
                {handle}
                <span className="font-medium text-sm">Step {position}</span>
              </span>
              <span className="flex gap-1">
                {moveButtons}
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  className="size-8"
                  disabled={steps.length === 1}
                  onClick={() => setSteps(steps.filter((other) => other.key !== step.key))}
                  aria-label={`Remove step ${position}: ${step.title.trim() || "Untitled step"}`}
                >
                  <Trash2 aria-hidden className="size-4" />
                </Button>
              </span>
            </div>
            <StepFields
              step={step}
              people={people}
              errors={problems[step.key] ?? {}}
              onChange={(next) => setSteps(steps.map((other) => (other.key === step.key ? next : other)))}
            />
          </>
        )}
      </SortableList>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="outline" onClick={() => setSteps([...steps, blankStep()])}>
          <Plus aria-hidden className="size-4" /> Add step
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save as a new version"}
        </Button>
      </div>
      <FormError message={messages.form} />
    </form>
  );
}

/** Picks a template, then edits it; the current version is shown, and each save adds one. */
export function TemplateEditor() {
  const trpc = useTRPC();
  const { data: templates } = useSuspenseQuery(trpc.workflows.templates.queryOptions());
  const [selectedId, setSelectedId] = useState(templates[0]?.id ?? "");
  const [copying, setCopying] = useState(false);
  const template = templates.find((candidate) => candidate.id === selectedId);
  return (
    <div className="grid gap-6">
      <FormField label="Template" htmlFor="template-choice" className="max-w-md">
        <ChoiceSelect
          id="template-choice"
          value={selectedId}
          onChange={setSelectedId}
          choices={templates.map((candidate) => ({
            value: candidate.id,
            label: `${candidate.name} (${workflowKindLabels[candidate.kind]})`,
          }))}
        />
      </FormField>
      {template ? (
        <Card>
          <CardHeader className="flex flex-wrap items-start justify-between gap-2">
            <div className="grid gap-1.5">
              <CardTitle>
                <h2>{template.name}</h2>
              </CardTitle>
              <CardDescription>
                {workflowKindLabels[template.kind]} · version {template.version}
                {template.isDefault ? " · the default automation starts" : " · used where a rule names it"}
              </CardDescription>
            </div>
            <Button type="button" variant="outline" onClick={() => setCopying(true)}>
              <Copy aria-hidden className="size-4" /> Copy as a new template
            </Button>
          </CardHeader>
          <CardContent>
            <TemplateForm key={`${template.id}-${template.version}`} template={template} />
          </CardContent>
        </Card>
      ) : (
        <p className="text-sm text-muted-foreground">This organization has no workflow templates yet.</p>
      )}
      {copying && template ? (
        <DuplicateTemplateDialog
          template={template}
          onCreated={setSelectedId}
          onClose={() => setCopying(false)}
        />
      ) : null}
    </div>
  );
}
