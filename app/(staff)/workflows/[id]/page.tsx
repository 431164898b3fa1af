import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can, hasRole } from "@/server/roles";
import { WorkflowDetailView } from "./workflow-detail";

type WorkflowPageProps = { params: Promise<{ id: string }> };

/** The workflow, or a 404 for an id this organization does not have (or that is not an id at all). */
async function loadWorkflow(id: string) {
  await requireRole(can.readTenant);
  try {
    return await getQueryClient().fetchQuery(trpc.workflows.get.queryOptions({ id }));
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: WorkflowPageProps): Promise<Metadata> {
  return { title: (await loadWorkflow((await params).id)).title };
}

export default async function WorkflowPage({ params }: WorkflowPageProps) {
  const user = await requireRole(can.readTenant);
  const { id } = await params;
  await loadWorkflow(id);
  return (
    <HydrateClient>
      <WorkflowDetailView workflowId={id} canManage={hasRole(user.role, can.manageAssets)} />
    </HydrateClient>
  );
}
