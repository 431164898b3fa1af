import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can } from "@/server/roles";
import { RunDetailView } from "./run-detail";

export const metadata: Metadata = { title: "Sync run" };

type RunPageProps = { params: Promise<{ id: string; runId: string }> };

/** A sync run of this integration, or a 404 (another tenant's, another integration's, or none). */
export default async function RunPage({ params }: RunPageProps) {
  await requireRole(can.audit);
  const { id, runId } = await params;
  try {
    const run = await getQueryClient().fetchQuery(trpc.integrations.run.queryOptions({ runId }));
    if (run.integrationId !== id) notFound();
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
  return (
    <HydrateClient>
      <RunDetailView integrationId={id} runId={runId} />
    </HydrateClient>
  );
}
