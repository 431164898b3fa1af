import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getQueryClient, HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can, hasRole } from "@/server/roles";
import { AssetDetailView } from "./asset-detail";

type AssetPageProps = { params: Promise<{ id: string }> };

/** The asset, or a 404 for an id this organization does not have (or that is not an id at all). */
async function loadAsset(assetId: string) {
  await requireRole(can.readTenant);
  try {
    return await getQueryClient().fetchQuery(trpc.assets.get.queryOptions({ assetId }));
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: AssetPageProps): Promise<Metadata> {
  const asset = await loadAsset((await params).id);
  return { title: `${asset.tag} ${asset.name}` };
}

export default async function AssetPage({ params }: AssetPageProps) {
  const user = await requireRole(can.readTenant);
  const { id } = await params;
  await loadAsset(id);
  prefetch(trpc.assets.history.queryOptions({ assetId: id }));
  prefetch(trpc.tenants.settings.queryOptions());
  return (
    <HydrateClient>
      <AssetDetailView assetId={id} canManage={hasRole(user.role, can.manageAssets)} />
    </HydrateClient>
  );
}
