import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can } from "@/server/roles";
import { workflowKinds } from "@/server/workflows/schemas";
import { boardColumnInput, boardStatuses } from "./board-columns";
import { WorkflowBoard } from "./workflow-board";

export const metadata: Metadata = { title: "Workflow board" };

type BoardPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function WorkflowBoardPage({ searchParams }: BoardPageProps) {
  await requireRole(can.readTenant);
  const params = await searchParams;
  const kind = workflowKinds.find((candidate) => candidate === params.kind);
  for (const status of boardStatuses)
    prefetch(trpc.workflows.list.queryOptions(boardColumnInput(status, kind)));
  return (
    <div className="grid gap-6">
      <HydrateClient>
        <PageHeader
          title="Workflow board"
          description="Every workflow by where it stands: waiting to start, under way, blocked, and lately done."
          actions={
            <Link
              href="/workflows"
              className="rounded-sm text-sm underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
            >
              Show as a list
            </Link>
          }
        />
        <WorkflowBoard kind={kind} />
      </HydrateClient>
    </div>
  );
}
