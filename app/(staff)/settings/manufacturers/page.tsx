import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can, hasRole } from "@/server/roles";
import { ManufacturersCard } from "./manufacturers-card";
import { ModelsCard } from "./models-card";

export const metadata: Metadata = { title: "Manufacturers & models" };

export default async function ManufacturersPage() {
  const user = await requireRole(can.readTenant);
  const canManage = hasRole(user.role, can.manageAssets);
  prefetch(trpc.reference.manufacturers.queryOptions({ includeArchived: false }));
  prefetch(trpc.reference.models.queryOptions({ includeArchived: false }));
  prefetch(trpc.reference.categories.queryOptions({ includeArchived: false }));
  return (
    <>
      <PageHeader
        title="Manufacturers & models"
        description="Who makes your equipment and which models you buy; a model can default to a category."
      />
      <HydrateClient>
        <div className="grid gap-6">
          <ModelsCard canManage={canManage} />
          <ManufacturersCard canManage={canManage} />
        </div>
      </HydrateClient>
    </>
  );
}
