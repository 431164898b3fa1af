"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { RuleCard } from "./rule-card";

/** Every automation rule of the organization, each with its own form and its recent activity. */
export function WorkflowRulesPanel() {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.workflows.rules.queryOptions());
  return (
    <div className="grid gap-6">
      {data.rules.map((rule) => (
        <RuleCard key={rule.rule} rule={rule} choices={data} />
      ))}
    </div>
  );
}
