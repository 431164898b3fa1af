import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can, hasRole } from "@/server/roles";
import { ChainView } from "./chain-view";

export const metadata: Metadata = { title: "Why it happened" };

type ChainPageProps = { params: Promise<{ eventId: string }> };

/** The causal chain of one audit entry, or a 404 for an event this organization does not have. */
export default async function ChainPage({ params }: ChainPageProps) {
  const user = await requireRole(can.audit);
  const { eventId } = await params;
  try {
    await getQueryClient().fetchQuery(trpc.audit.chain.queryOptions({ eventId }));
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
  return (
    <HydrateClient>
      <ChainView eventId={eventId} canRetryRuns={hasRole(user.role, can.manageTenant)} />
    </HydrateClient>
  );
}
