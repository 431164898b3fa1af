import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getQueryClient, HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can, hasRole } from "@/server/roles";
import { IntegrationDetailView } from "./integration-detail";
import { nextRunsCursor, runsPageSize } from "./runs-options";

type IntegrationPageProps = { params: Promise<{ id: string }> };

/** The integration, or a 404 for an id this organization does not have. */
async function loadIntegration(id: string) {
  await requireRole(can.audit);
  try {
    return await getQueryClient().fetchQuery(trpc.integrations.get.queryOptions({ id }));
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: IntegrationPageProps): Promise<Metadata> {
  return { title: (await loadIntegration((await params).id)).name };
}

export default async function IntegrationPage({ params }: IntegrationPageProps) {
  const user = await requireRole(can.audit);
  const { id } = await params;
  await loadIntegration(id);
  prefetch(trpc.integrations.catalog.queryOptions());
  prefetch(trpc.integrations.list.queryOptions());
  prefetch(trpc.integrations.health.queryOptions({ id }));
  void getQueryClient().prefetchInfiniteQuery(
    trpc.integrations.runs.infiniteQueryOptions(
      { id, limit: runsPageSize },
      { getNextPageParam: nextRunsCursor },
    ),
  );
  return (
    <HydrateClient>
      <IntegrationDetailView integrationId={id} canManage={hasRole(user.role, can.manageTenant)} />
    </HydrateClient>
  );
}
