import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { runStatuses } from "@/server/automation/queries";
import { can, hasRole } from "@/server/roles";
import { AutomationPanel } from "./automation-panel";
import { DeadLettersCard } from "./dead-letters-card";

export const metadata: Metadata = { title: "Automation" };

type SearchParams = Promise<{ status?: string; fn?: string }>;

export default async function AutomationPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireRole(can.audit);
  const params = await searchParams;
  const status = runStatuses.find((value) => value === params.status);
  const functionId = params.fn || undefined;
  prefetch(trpc.automation.overview.queryOptions());
  prefetch(trpc.automation.runs.queryOptions({ status, functionId }));
  const isAdmin = hasRole(user.role, can.manageTenant);
  if (isAdmin) prefetch(trpc.automation.deadLetters.queryOptions());
  return (
    <>
      <PageHeader
        title="Automation"
        description="What the app did on its own after each change (imports, setting up new organizations), whether it worked, and why."
      />
      <HydrateClient>
        <div className="grid gap-6">
          {isAdmin ? <DeadLettersCard /> : null}
          <AutomationPanel status={status} functionId={functionId} canRetry={isAdmin} />
        </div>
      </HydrateClient>
    </>
  );
}
