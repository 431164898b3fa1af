"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormError } from "@/app/_components/form-error";
import { DateTime } from "@/app/_components/time-zone";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Checkbox } from "@/app/_components/ui/checkbox";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useSubmission } from "@/app/_lib/use-submission";
import { useTRPC } from "@/app/_trpc/client";
import { employmentTypes } from "@/server/employees/schemas";
import type { WorkflowRuleItem, WorkflowRulesPage } from "@/server/workflows/rule-schemas";
import { type AccessReviewField, accessReviewFields, type RuleConditions } from "@/server/workflows/rules";
import { employmentTypeLabels } from "../../employees/[id]/edit-employee-dialog";
import { workflowKindLabels } from "../../workflows/workflow-labels";
import { WorkflowStatusBadge } from "../../workflows/workflow-status-badge";

const fieldLabels: Record<AccessReviewField, string> = {
  managerId: "Manager",
  title: "Title",
  departmentId: "Department",
};

type Option = { id: string; name: string };

const employmentTypeOptions: Option[] = employmentTypes.map((type) => ({
  id: type,
  name: employmentTypeLabels[type],
}));

/** What is wrong with a typed whole number, or undefined when it is one in range (or left empty). */
function numberProblem(value: string, min: number, max: number): string | undefined {
  if (value.trim() === "") return undefined;
  const number = Number(value);
  if (!Number.isInteger(number)) return "Enter a whole number";
  if (number < min || number > max) return `Enter a number from ${min} to ${max}`;
  return undefined;
}

/** A list of checkboxes over records (categories, departments): none checked means any. */
function PickList({
  id,
  legend,
  options,
  selected,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  options: Option[];
  selected: string[];
  onChange: (next: string[]) => void;
  error?: string;
}) {
  return (
    <fieldset className="grid gap-2" aria-describedby={`${id}-hint`}>
      <legend className="text-sm font-medium">{legend}</legend>
      <p id={`${id}-hint`} className="text-xs text-muted-foreground">
        {selected.length === 0 ? "None chosen: any." : `${selected.length} chosen.`}
      </p>
      {options.length === 0 ? (
        <p className="text-sm text-muted-foreground">None exist yet.</p>
      ) : (
        <div className="grid max-h-40 gap-1 overflow-y-auto rounded-md border p-2 sm:grid-cols-2">
          {options.map((option) => (
            <div key={option.id} className="flex items-center gap-2">
              <Checkbox
                id={`${id}-${option.id}`}
                checked={selected.includes(option.id)}
                onCheckedChange={(checked) =>
                  onChange(
                    checked === true
                      ? [...selected, option.id]
                      : selected.filter((candidate) => candidate !== option.id),
                  )
                }
              />
              <Label htmlFor={`${id}-${option.id}`} className="font-normal">
                {option.name}
              </Label>
            </div>
          ))}
        </div>
      )}
      {error ? (
        <p className="text-sm text-destructive" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/**
 * One rule: on or off, its template, its conditions, saved together; with how often it fired and
 * the workflows it started last.
 */
export function RuleCard({ rule, choices }: { rule: WorkflowRuleItem; choices: WorkflowRulesPage }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [enabled, setEnabled] = useState(rule.enabled);
  const [templateId, setTemplateId] = useState(rule.templateId ?? "");
  const [conditions, setConditions] = useState<RuleConditions>(rule.conditions);
  const [numbers, setNumbers] = useState({
    hireWithinDays: String(rule.conditions.hireWithinDays ?? ""),
    afterHours: String(rule.conditions.afterHours ?? ""),
  });
  const update = useMutation(trpc.workflows.updateRule.mutationOptions());
  const { error, pending, submit } = useSubmission();
  const messages = mutationMessages(error, [
    "enabled",
    "templateId",
    "conditions.categoryIds",
    "conditions.departmentIds",
    "conditions.locationIds",
    "conditions.employmentTypes",
    "conditions.fields",
  ]);
  const has = (name: string) => rule.conditionNames.includes(name);
  const idOf = (what: string) => `rule-${rule.rule}-${what}`;
  const templates = choices.templates.filter((template) => template.kind === rule.kind);

  const [problems, setProblems] = useState<{ hireWithinDays?: string; afterHours?: string }>({});

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = {
      hireWithinDays: numberProblem(numbers.hireWithinDays, 0, 3650),
      afterHours: numberProblem(numbers.afterHours, 1, 24 * 90),
    };
    setProblems(found);
    if (found.hireWithinDays || found.afterHours) return;
    const toNumber = (value: string) => (value.trim() === "" ? undefined : Number(value));
    const saved = await submit(() =>
      update.mutateAsync({
        rule: rule.rule,
        enabled,
        templateId: templateId || null,
        conditions: {
          ...conditions,
          ...(has("hireWithinDays") ? { hireWithinDays: toNumber(numbers.hireWithinDays) } : {}),
          ...(has("afterHours") ? { afterHours: toNumber(numbers.afterHours) } : {}),
        },
      }),
    );
    if (!saved) return;
    await queryClient.invalidateQueries({ queryKey: trpc.workflows.rules.queryKey() });
    notifySuccess(`workflow-rule-${rule.rule}`, `"${rule.label}" saved`);
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          <h2>{rule.label}</h2>
          <Badge variant={rule.enabled ? "default" : "secondary"}>{rule.enabled ? "On" : "Off"}</Badge>
        </CardTitle>
        <CardDescription>{rule.trigger}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <form className="grid gap-4" onSubmit={save} aria-label={`${rule.label} settings`} noValidate>
          <div className="flex items-center gap-2">
            <Checkbox
              id={idOf("enabled")}
              checked={enabled}
              onCheckedChange={(checked) => setEnabled(checked === true)}
            />
            <Label htmlFor={idOf("enabled")}>Rule is on</Label>
          </div>
          {rule.kind ? (
            <FormField label="Template" htmlFor={idOf("template")} error={messages.field("templateId")}>
              <ChoiceSelect
                id={idOf("template")}
                value={templateId}
                onChange={setTemplateId}
                empty={`The default ${workflowKindLabels[rule.kind].toLowerCase()} template`}
                choices={templates.map((template) => ({ value: template.id, label: template.name }))}
              />
            </FormField>
          ) : null}
          {has("hireWithinDays") ? (
            <FormField
              label="Only for people hired at most this many days ago"
              htmlFor={idOf("hire")}
              description="A hire date in the future always counts."
              error={problems.hireWithinDays}
            >
              <Input
                id={idOf("hire")}
                type="number"
                inputMode="numeric"
                min={0}
                value={numbers.hireWithinDays}
                onChange={(event) => setNumbers({ ...numbers, hireWithinDays: event.target.value })}
              />
            </FormField>
          ) : null}
          {has("afterHours") ? (
            <FormField
              label="Escalate after (hours past the due date)"
              htmlFor={idOf("hours")}
              error={problems.afterHours}
            >
              <Input
                id={idOf("hours")}
                type="number"
                inputMode="numeric"
                min={1}
                value={numbers.afterHours}
                onChange={(event) => setNumbers({ ...numbers, afterHours: event.target.value })}
              />
            </FormField>
          ) : null}
          {has("fields") ? (
            <fieldset className="grid gap-2">
              <legend className="text-sm font-medium">Changes that start a review</legend>
              <div className="flex flex-wrap gap-4">
                {accessReviewFields.map((field) => (
                  <div key={field} className="flex items-center gap-2">
                    <Checkbox
                      id={idOf(field)}
                      checked={conditions.fields?.includes(field) ?? false}
                      onCheckedChange={(checked) => {
                        const current = conditions.fields ?? [];
                        setConditions({
                          ...conditions,
                          fields:
                            checked === true
                              ? [...current, field]
                              : current.filter((other) => other !== field),
                        });
                      }}
                    />
                    <Label htmlFor={idOf(field)} className="font-normal">
                      {fieldLabels[field]}
                    </Label>
                  </div>
                ))}
              </div>
              {messages.field("conditions.fields") ? (
                <p className="text-sm text-destructive" role="alert">
                  {messages.field("conditions.fields")}
                </p>
              ) : null}
            </fieldset>
          ) : null}
          {has("categoryIds") ? (
            <PickList
              id={idOf("categories")}
              legend="Only for assets of these categories"
              options={choices.categories}
              selected={conditions.categoryIds ?? []}
              onChange={(categoryIds) => setConditions({ ...conditions, categoryIds })}
              error={messages.field("conditions.categoryIds")}
            />
          ) : null}
          {has("departmentIds") ? (
            <PickList
              id={idOf("departments")}
              legend="Only for employees of these departments"
              options={choices.departments}
              selected={conditions.departmentIds ?? []}
              onChange={(departmentIds) => setConditions({ ...conditions, departmentIds })}
              error={messages.field("conditions.departmentIds")}
            />
          ) : null}
          {has("locationIds") ? (
            <PickList
              id={idOf("locations")}
              legend={
                has("categoryIds")
                  ? "Only for assets at these locations (or below them)"
                  : "Only for employees at these locations (or below them)"
              }
              options={choices.locations}
              selected={conditions.locationIds ?? []}
              onChange={(locationIds) => setConditions({ ...conditions, locationIds })}
              error={messages.field("conditions.locationIds")}
            />
          ) : null}
          {has("employmentTypes") ? (
            <PickList
              id={idOf("employment")}
              legend="Only for employees of these employment types"
              options={employmentTypeOptions}
              selected={conditions.employmentTypes ?? []}
              onChange={(chosen) =>
                setConditions({
                  ...conditions,
                  employmentTypes: employmentTypes.filter((type) => chosen.includes(type)),
                })
              }
              error={messages.field("conditions.employmentTypes")}
            />
          ) : null}
          <FormError message={messages.form} />
          <div>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save"}
              <span className="sr-only"> {rule.label}</span>
            </Button>
          </div>
        </form>
        <section aria-label={`${rule.label}: recent activity`} className="grid content-start gap-2 text-sm">
          <h3 className="font-medium">
            {rule.kind ? "Fired" : "Escalated"} {rule.fired} {rule.fired === 1 ? "time" : "times"}
          </h3>
          {rule.lastRuns.length === 0 ? (
            <p className="text-muted-foreground">Nothing yet.</p>
          ) : (
            <ul className="grid gap-2">
              {rule.lastRuns.map((run) => (
                <li key={`${run.workflowId}-${run.createdAt.toISOString()}`} className="grid gap-0.5">
                  <Link href={`/workflows/${run.workflowId}`} className="underline-offset-4 hover:underline">
                    {run.title}
                  </Link>
                  <span className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                    <WorkflowStatusBadge status={run.status} />
                    <DateTime value={run.createdAt} />
                  </span>
                </li>
              ))}
            </ul>
          )}
          {rule.updatedAt ? (
            <p className="text-xs text-muted-foreground">
              Settings changed <DateTime value={rule.updatedAt} />
            </p>
          ) : (
            <p className="text-xs text-muted-foreground">Default settings.</p>
          )}
        </section>
      </CardContent>
    </Card>
  );
}
