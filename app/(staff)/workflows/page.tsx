import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/ui/page-header";
import { toUrlSearchParams } from "@/app/_lib/search-params";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can } from "@/server/roles";
import { workflowListInput, workflowViewFromParams } from "./list-params";
import { WorkflowList } from "./workflow-list";

export const metadata: Metadata = { title: "Workflows" };

type WorkflowsPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function WorkflowsPage({ searchParams }: WorkflowsPageProps) {
  const user = await requireRole(can.readTenant);
  const view = workflowViewFromParams(toUrlSearchParams(await searchParams));
  prefetch(trpc.workflows.list.queryOptions(workflowListInput(view)));
  return (
    <div className="grid gap-6">
      <HydrateClient>
        <PageHeader
          title="Workflows"
          description="Onboardings, offboardings, repairs and incidents: who does what next, and by when."
          actions={
            <Link
              href="/workflows/board"
              className="rounded-sm text-sm underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
            >
              Show as a board
            </Link>
          }
        />
        <WorkflowList viewerId={user.id} />
      </HydrateClient>
    </div>
  );
}
