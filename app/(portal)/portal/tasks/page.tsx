import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { tenantRoles } from "@/server/roles";
import { PortalTasks } from "./portal-tasks";

export const metadata: Metadata = { title: "My tasks" };

/** The workflow steps waiting for me: an onboarding checklist item, a manager's approval. */
export default async function PortalTasksPage() {
  await requireRole(tenantRoles);
  prefetch(trpc.portal.myTasks.queryOptions());
  return (
    <div className="grid gap-6">
      <PageHeader
        title="My tasks"
        description="Steps of your organization's workflows that wait for you, soonest due first."
      />
      <HydrateClient>
        <PortalTasks />
      </HydrateClient>
    </div>
  );
}
