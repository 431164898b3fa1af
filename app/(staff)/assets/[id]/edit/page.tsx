import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/app/_components/ui/page-header";
import { getQueryClient, HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can } from "@/server/roles";
import { EditAssetForm } from "./edit-asset-form";

export const metadata: Metadata = { title: "Edit asset" };

type EditAssetPageProps = { params: Promise<{ id: string }> };

export default async function EditAssetPage({ params }: EditAssetPageProps) {
  await requireRole(can.manageAssets);
  const { id } = await params;
  const asset = await getQueryClient()
    .fetchQuery(trpc.assets.get.queryOptions({ assetId: id }))
    .catch((error: unknown) => {
      if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
        notFound();
      throw error;
    });
  prefetch(trpc.reference.categories.queryOptions());
  prefetch(trpc.reference.models.queryOptions());
  prefetch(trpc.reference.locations.queryOptions());
  prefetch(trpc.tenants.settings.queryOptions());
  prefetch(trpc.reference.categoryFields.queryOptions({ categoryId: asset.category.id }));
  return (
    <div className="grid max-w-3xl gap-6">
      <PageHeader title={`Edit ${asset.tag}`} description={asset.name} />
      <HydrateClient>
        <EditAssetForm assetId={id} />
      </HydrateClient>
    </div>
  );
}
