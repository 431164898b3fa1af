import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { runStatuses } from "@/inngest/engine/queries";
import { requireRole } from "@/server/auth/guards";
import { AutomationPanel } from "./automation-panel";

export const metadata: Metadata = { title: "Automation" };

type SearchParams = Promise<{ status?: string; fn?: string }>;

export default async function AutomationPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireRole(["admin", "auditor"]);
  const params = await searchParams;
  const status = runStatuses.find((value) => value === params.status);
  const functionId = params.fn || undefined;
  prefetch(trpc.automation.overview.queryOptions());
  prefetch(trpc.automation.runs.queryOptions({ status, functionId }));
  return (
    <>
      <PageHeader
        title="Automation"
        description="Functions that react to every change: their runs, attempts, errors and the delivery backlog."
      />
      <HydrateClient>
        <AutomationPanel status={status} functionId={functionId} canRetry={user.role === "admin"} />
      </HydrateClient>
    </>
  );
}
