"use client";

import { ChoiceSelect } from "@/app/_components/choice-select";
import { Checkbox } from "@/app/_components/ui/checkbox";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { Textarea } from "@/app/_components/ui/textarea";
import { listTextLimit } from "@/app/_lib/list-text-limit";
import { roleLabels, tenantRoles } from "@/server/roles";
import {
  assigneeRuleTypes,
  stepActions,
  templateTextLimits,
  workflowKinds,
} from "@/server/workflows/schemas";
import { LICENSE_PLACEHOLDER } from "@/server/workflows/step-action-rules";
import { workflowKindLabels } from "../../workflows/workflow-labels";
import { type DraftStep, outcomeRule, type StepErrors } from "./template-draft";

/** How long the outcomes box may be: as many outcomes, each as long, as the server takes. */
const OUTCOMES_LIMIT = listTextLimit({ ...outcomeRule, separator: ", " });

const assigneeTypeLabels: Record<(typeof assigneeRuleTypes)[number], string> = {
  role: "Everyone with a role",
  user: "A person",
  manager: "The employee's manager",
  employee: "The employee themself",
  location_it_contact: "The location's IT contact (the asset's, else the employee's)",
};

const actionLabels: Record<(typeof stepActions)[number], string> = {
  return_asset: "Return the step's asset",
  mark_asset_in_stock: "Put the asset in stock",
  record_maintenance: "Record maintenance on the asset",
  revoke_license: "Revoke the step's licence",
  revoke_licenses: "Revoke all of the employee's licences",
};

type People = { id: string; name: string }[];

/** One step's fields; `errors` are the server's, keyed by field name. */
export function StepFields({
  step,
  people,
  errors,
  onChange,
}: {
  step: DraftStep;
  people: People;
  errors: StepErrors;
  onChange: (next: DraftStep) => void;
}) {
  const id = (field: string) => `step-${step.key}-${field}`;
  const set = <K extends keyof DraftStep>(field: K, value: DraftStep[K]) =>
    onChange({ ...step, [field]: value });
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <FormField label="Title" htmlFor={id("title")} required error={errors.title} className="sm:col-span-2">
        <Input
          id={id("title")}
          value={step.title}
          limit={templateTextLimits.stepTitle}
          onChange={(e) => set("title", e.target.value)}
        />
      </FormField>
      <FormField
        label="Instructions"
        htmlFor={id("instructions")}
        description="Markdown: **bold**, lists, links."
        className="sm:col-span-2"
      >
        <Textarea
          id={id("instructions")}
          value={step.instructions}
          limit={templateTextLimits.instructions}
          rows={3}
          onChange={(e) => set("instructions", e.target.value)}
        />
      </FormField>
      <FormField label="Assigned to" htmlFor={id("assignee")} error={errors.assignee}>
        <ChoiceSelect
          id={id("assignee")}
          value={step.assigneeType}
          onChange={(value) =>
            onChange({ ...step, assigneeType: value as DraftStep["assigneeType"], assigneeValue: "" })
          }
          choices={assigneeRuleTypes.map((type) => ({ value: type, label: assigneeTypeLabels[type] }))}
        />
      </FormField>
      {step.assigneeType === "role" || step.assigneeType === "user" ? (
        <FormField
          label={step.assigneeType === "role" ? "Role" : "Person"}
          htmlFor={id("assignee-value")}
          required
        >
          <ChoiceSelect
            id={id("assignee-value")}
            value={step.assigneeValue}
            onChange={(value) => set("assigneeValue", value)}
            placeholder={step.assigneeType === "role" ? "Choose a role" : "Choose a person"}
            choices={
              step.assigneeType === "role"
                ? tenantRoles.map((role) => ({ value: role, label: roleLabels[role] }))
                : people.map((person) => ({ value: person.id, label: person.name }))
            }
          />
        </FormField>
      ) : (
        <div aria-hidden />
      )}
      <FormField
        label="Due after (days)"
        htmlFor={id("due")}
        description="From the start; an onboarding counts from the hire date (negative: before it). Empty: no due date."
        error={errors.due}
      >
        <Input
          id={id("due")}
          type="number"
          inputMode="numeric"
          value={step.dueOffsetDays}
          onChange={(e) => set("dueOffsetDays", e.target.value)}
        />
      </FormField>
      <FormField label="Needs approval by" htmlFor={id("approval")}>
        <ChoiceSelect
          id={id("approval")}
          value={step.needsApproval}
          onChange={(value) => set("needsApproval", value)}
          empty="No approval"
          choices={tenantRoles.map((role) => ({ value: role, label: roleLabels[role] }))}
        />
      </FormField>
      <FormField label="On completion" htmlFor={id("action")} error={errors.action}>
        <ChoiceSelect
          id={id("action")}
          value={step.action}
          onChange={(value) => set("action", value)}
          empty="Nothing else"
          choices={stepActions.map((action) => ({ value: action, label: actionLabels[action] }))}
        />
      </FormField>
      <FormField
        label="Waits on"
        htmlFor={id("waits-for")}
        description="It cannot be done until a workflow of this kind for the same employee completes."
      >
        <ChoiceSelect
          id={id("waits-for")}
          value={step.waitsFor}
          onChange={(value) => set("waitsFor", value)}
          empty="Nothing"
          choices={workflowKinds.map((kind) => ({ value: kind, label: workflowKindLabels[kind] }))}
        />
      </FormField>
      <FormField
        label="Completing it starts"
        htmlFor={id("starts")}
        description="The default template of that kind, for the same employee and asset."
      >
        <ChoiceSelect
          id={id("starts")}
          value={step.startsWorkflow}
          onChange={(value) => set("startsWorkflow", value)}
          empty="No other workflow"
          choices={workflowKinds.map((kind) => ({ value: kind, label: workflowKindLabels[kind] }))}
        />
      </FormField>
      <FormField
        label="Outcomes"
        htmlFor={id("outcomes")}
        description="Comma-separated, at least two (e.g. found, confirmed_lost); empty: none to choose."
        error={errors.outcomes}
      >
        <Input
          id={id("outcomes")}
          value={step.outcomes}
          limit={OUTCOMES_LIMIT}
          onChange={(e) => set("outcomes", e.target.value)}
        />
      </FormField>
      <div className="flex flex-wrap items-center gap-4 sm:col-span-2">
        <span className="flex items-center gap-2">
          <Checkbox
            id={id("evidence")}
            checked={step.needsEvidence}
            onCheckedChange={(checked) => set("needsEvidence", checked === true)}
          />
          <Label htmlFor={id("evidence")} className="font-normal">
            Needs evidence (a file or photo)
          </Label>
        </span>
        <span className="flex items-center gap-2">
          <Checkbox
            id={id("per-asset")}
            checked={step.perHeldAsset}
            onCheckedChange={(checked) => set("perHeldAsset", checked === true)}
          />
          <Label htmlFor={id("per-asset")} className="font-normal">
            One per asset the employee holds ({"{tag}"} in the title names it)
          </Label>
        </span>
        <span className="flex items-center gap-2">
          <Checkbox
            id={id("per-licence")}
            checked={step.perHeldLicense}
            onCheckedChange={(checked) => set("perHeldLicense", checked === true)}
          />
          <Label htmlFor={id("per-licence")} className="font-normal">
            One per licence the employee holds ({LICENSE_PLACEHOLDER} in the title names it)
          </Label>
        </span>
      </div>
    </div>
  );
}
