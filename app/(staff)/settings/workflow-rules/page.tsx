import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can } from "@/server/roles";
import { WorkflowRulesPanel } from "./rules-panel";

export const metadata: Metadata = { title: "Workflow rules" };

export default async function WorkflowRulesPage() {
  await requireRole(can.manageTenant);
  prefetch(trpc.workflows.rules.queryOptions());
  return (
    <>
      <PageHeader
        title="Workflow rules"
        description="Which events start workflows by themselves, with which template, for what; and when overdue steps are escalated."
      />
      <HydrateClient>
        <WorkflowRulesPanel />
      </HydrateClient>
    </>
  );
}
