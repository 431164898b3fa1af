import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can } from "@/server/roles";
import { NewAssetForm } from "./new-asset-form";

export const metadata: Metadata = { title: "New asset" };

export default async function NewAssetPage() {
  await requireRole(can.manageAssets);
  prefetch(trpc.reference.categories.queryOptions());
  prefetch(trpc.reference.models.queryOptions());
  prefetch(trpc.reference.locations.queryOptions());
  prefetch(trpc.tenants.settings.queryOptions());
  return (
    <div className="grid max-w-3xl gap-6">
      <PageHeader title="New asset" description="It starts in stock. Assign it to someone from its page." />
      <HydrateClient>
        <NewAssetForm />
      </HydrateClient>
    </div>
  );
}
