import { listItemsProblem } from "@/app/_lib/list-text-limit";
import {
  type StepAction,
  type TemplateStep,
  templateTextLimits,
  type WorkflowKind,
} from "@/server/workflows/schemas";
import { stepActionProblem } from "@/server/workflows/step-action-rules";

/** The outcomes box: comma-separated, as many and as long as the server takes. */
export const outcomeRule = {
  items: templateTextLimits.outcomes,
  itemMax: templateTextLimits.outcome,
  noun: "outcome",
};

/** A step as the editor holds it: numbers and lists as typed, with a stable key for React. */
export type DraftStep = {
  key: string;
  title: string;
  instructions: string;
  assigneeType: TemplateStep["assignee"]["type"];
  assigneeValue: string;
  dueOffsetDays: string;
  needsApproval: string;
  needsEvidence: boolean;
  outcomes: string;
  action: string;
  perHeldAsset: boolean;
  perHeldLicense: boolean;
  /** A workflow kind, or "" for none. */
  waitsFor: string;
  startsWorkflow: string;
};

export type StepErrors = {
  title?: string;
  assignee?: string;
  due?: string;
  outcomes?: string;
  action?: string;
};

let nextKey = 0;
const newKey = () => `s${nextKey++}`;

/** A saved step as the editor holds it. The key follows the step wherever it is moved. */
export const toDraft = (step: TemplateStep): DraftStep => ({
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
  perHeldLicense: step.perHeldLicense ?? false,
  waitsFor: step.waitsFor ?? "",
  startsWorkflow: step.startsWorkflow ?? "",
});

export const blankStep = (): DraftStep => ({
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
  perHeldLicense: false,
  waitsFor: "",
  startsWorkflow: "",
});

const splitOutcomes = (outcomes: string) =>
  outcomes
    .split(",")
    .map((outcome) => outcome.trim())
    .filter(Boolean);

/** What is wrong with each draft step before it goes to the server (which checks again). */
export function problemsOf(steps: DraftStep[]): StepErrors[] {
  return steps.map((step) => {
    const errors: StepErrors = {};
    if (!step.title.trim()) errors.title = "Enter a title";
    if ((step.assigneeType === "role" || step.assigneeType === "user") && !step.assigneeValue)
      errors.assignee = step.assigneeType === "role" ? "Choose a role" : "Choose a person";
    const due = step.dueOffsetDays.trim();
    if (due && (!Number.isInteger(Number(due)) || Math.abs(Number(due)) > 365))
      errors.due = "Enter whole days from -365 to 365";
    const outcomes = splitOutcomes(step.outcomes);
    const outcomesProblem =
      outcomes.length === 1 ? "Give at least two outcomes, or none" : listItemsProblem(outcomes, outcomeRule);
    if (outcomesProblem) errors.outcomes = outcomesProblem;
    const actionProblem = stepActionProblem({
      action: (step.action || null) as StepAction | null,
      perHeldAsset: step.perHeldAsset,
      perHeldLicense: step.perHeldLicense,
    });
    if (actionProblem) errors.action = actionProblem;
    return errors;
  });
}

/** A draft step as the server stores it: nothing in it depends on its position. */
export const toStep = (draft: DraftStep): TemplateStep => {
  const outcomes = splitOutcomes(draft.outcomes).map((outcome) =>
    outcome.toLowerCase().replaceAll(/\s+/g, "_"),
  );
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
    ...(draft.perHeldLicense ? { perHeldLicense: true } : {}),
    ...(draft.waitsFor ? { waitsFor: draft.waitsFor as WorkflowKind } : {}),
    ...(draft.startsWorkflow ? { startsWorkflow: draft.startsWorkflow as WorkflowKind } : {}),
  };
};
