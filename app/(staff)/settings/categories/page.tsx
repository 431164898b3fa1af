import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can, hasRole } from "@/server/roles";
import { CategoriesPanel } from "./categories-panel";

export const metadata: Metadata = { title: "Categories" };

export default async function CategoriesPage() {
  const user = await requireRole(can.readTenant);
  const canManage = hasRole(user.role, can.manageAssets);
  prefetch(trpc.reference.categories.queryOptions({ includeArchived: false }));
  return (
    <>
      <PageHeader
        title="Categories"
        description="Kinds of assets, how long each depreciates over, and the extra fields each one records."
      />
      <HydrateClient>
        <CategoriesPanel canManage={canManage} />
      </HydrateClient>
    </>
  );
}
