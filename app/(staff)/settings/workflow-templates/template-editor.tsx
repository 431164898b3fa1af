"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { type FormEvent, useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormError } from "@/app/_components/form-error";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { mutationMessages } from "@/app/_lib/form-errors";
import { listItemsProblem } from "@/app/_lib/list-text-limit";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useSubmission } from "@/app/_lib/use-submission";
import { useTRPC } from "@/app/_trpc/client";
import { type TemplateStep, templateTextLimits, type WorkflowTemplate } from "@/server/workflows/schemas";
import { workflowKindLabels } from "../../workflows/workflow-labels";
import { type DraftStep, outcomeRule, StepFields } from "./step-fields";

let nextKey = 0;
const newKey = () => `s${nextKey++}`;

const toDraft = (step: TemplateStep): DraftStep => ({
  key: newKey(),
  title: step.title,
  instructions: step.instructions,
  assigneeType: step.assignee.type,
  assigneeValue: step.assignee.value ?? "",
  dueOffsetDays: step.dueOffsetDays === null ? "" : String(step.dueOffsetDays),
  needsApproval: step.needsApproval ?? "",
  needsEvidence: step.needsEvidence,
  outcomes: step.outcomes?.join(", ") ?? "",
  action: step.action?.type ?? "",
  perHeldAsset: step.perHeldAsset ?? false,
});

const blankStep = (): DraftStep => ({
  key: newKey(),
  title: "",
  instructions: "",
  assigneeType: "role",
  assigneeValue: "it_staff",
  dueOffsetDays: "3",
  needsApproval: "",
  needsEvidence: false,
  outcomes: "",
  action: "",
  perHeldAsset: false,
});

type StepErrors = { title?: string; assignee?: string; due?: string; outcomes?: string };

/** What is wrong with each draft step before it goes to the server (which checks again). */
function problemsOf(steps: DraftStep[]): StepErrors[] {
  return steps.map((step) => {
    const errors: StepErrors = {};
    if (!step.title.trim()) errors.title = "Enter a title";
    if ((step.assigneeType === "role" || step.assigneeType === "user") && !step.assigneeValue)
      errors.assignee = step.assigneeType === "role" ? "Choose a role" : "Choose a person";
    const due = step.dueOffsetDays.trim();
    if (due && (!Number.isInteger(Number(due)) || Math.abs(Number(due)) > 365))
      errors.due = "Enter whole days from -365 to 365";
    const outcomes = step.outcomes
      .split(",")
      .map((outcome) => outcome.trim())
      .filter(Boolean);
    const outcomesProblem =
      outcomes.length === 1 ? "Give at least two outcomes, or none" : listItemsProblem(outcomes, outcomeRule);
    if (outcomesProblem) errors.outcomes = outcomesProblem;
    return errors;
  });
}

const toStep = (draft: DraftStep): TemplateStep => {
  const outcomes = draft.outcomes
    .split(",")
    .map((outcome) => outcome.trim().toLowerCase().replaceAll(/\s+/g, "_"))
    .filter(Boolean);
  const needsValue = draft.assigneeType === "role" || draft.assigneeType === "user";
  return {
    title: draft.title.trim(),
    instructions: draft.instructions,
    assignee: { type: draft.assigneeType, ...(needsValue ? { value: draft.assigneeValue } : {}) },
    dueOffsetDays: draft.dueOffsetDays.trim() === "" ? null : Number(draft.dueOffsetDays),
    needsApproval: (draft.needsApproval || null) as TemplateStep["needsApproval"],
    needsEvidence: draft.needsEvidence,
    ...(outcomes.length > 0 ? { outcomes } : {}),
    ...(draft.action
      ? { action: { type: draft.action as NonNullable<TemplateStep["action"]>["type"] } }
      : {}),
    ...(draft.perHeldAsset ? { perHeldAsset: true } : {}),
  };
};

/** The editor of one template: name, description and its ordered steps, saved as a new version. */
function TemplateForm({ template }: { template: WorkflowTemplate }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: people } = useSuspenseQuery(trpc.workflows.assignees.queryOptions());
  const [name, setName] = useState(template.name);
  const [description, setDescription] = useState(template.description);
  const [steps, setSteps] = useState(() => template.steps.map(toDraft));
  const [problems, setProblems] = useState<StepErrors[]>([]);
  const [moved, setMoved] = useState("");
  const save = useMutation(trpc.workflows.updateTemplate.mutationOptions());
  const { error, pending, submit } = useSubmission();
  const messages = mutationMessages(error, ["name", "description"]);

  const move = (index: number, by: -1 | 1) => {
    const target = index + by;
    if (target < 0 || target >= steps.length) return;
    const next = [...steps];
    const [step] = next.splice(index, 1);
    if (!step) return;
    next.splice(target, 0, step);
    setSteps(next);
    setMoved(`"${step.title || "Untitled step"}" is now step ${target + 1} of ${next.length}.`);
    // Keep the keyboard on the step that moved.
    requestAnimationFrame(() =>
      document.getElementById(`step-${step.key}-${by < 0 ? "up" : "down"}`)?.focus(),
    );
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = problemsOf(steps);
    setProblems(found);
    if (found.some((errors) => Object.keys(errors).length > 0)) return;
    const saved = await submit(() =>
      save.mutateAsync({
        templateId: template.id,
        baseVersion: template.version,
        name,
        description,
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
      </div>
      <p className="sr-only" role="status" aria-live="polite">
        {moved}
      </p>
      <ol aria-label="Template steps" className="grid gap-3">
        {steps.map((step, index) => (
          <li
            key={step.key}
            aria-label={`Step ${index + 1}: ${step.title || "Untitled step"}`}
            className="grid gap-3 rounded-md border p-3"
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="text-sm font-medium">Step {index + 1}</span>
              <span className="flex gap-1">
                <Button
                  id={`step-${step.key}-up`}
                  type="button"
                  size="sm"
                  variant="outline"
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                  aria-label={`Move step ${index + 1} up`}
                >
                  <ArrowUp aria-hidden className="size-4" />
                </Button>
                <Button
                  id={`step-${step.key}-down`}
                  type="button"
                  size="sm"
                  variant="outline"
                  disabled={index === steps.length - 1}
                  onClick={() => move(index, 1)}
                  aria-label={`Move step ${index + 1} down`}
                >
                  <ArrowDown aria-hidden className="size-4" />
                </Button>
                <Button
                  type="button"
                  size="sm"
                  variant="outline"
                  disabled={steps.length === 1}
                  onClick={() => setSteps(steps.filter((other) => other.key !== step.key))}
                  aria-label={`Remove step ${index + 1}`}
                >
                  <Trash2 aria-hidden className="size-4" />
                </Button>
              </span>
            </div>
            <StepFields
              step={step}
              people={people}
              errors={problems[index] ?? {}}
              onChange={(next) => setSteps(steps.map((other) => (other.key === step.key ? next : other)))}
            />
          </li>
        ))}
      </ol>
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
          <CardHeader>
            <CardTitle>
              <h2>{template.name}</h2>
            </CardTitle>
            <CardDescription>
              {workflowKindLabels[template.kind]} · version {template.version}
              {template.isDefault ? " · the default automation starts" : ""}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <TemplateForm key={`${template.id}-${template.version}`} template={template} />
          </CardContent>
        </Card>
      ) : (
        <p className="text-sm text-muted-foreground">This organization has no workflow templates yet.</p>
      )}
    </div>
  );
}
