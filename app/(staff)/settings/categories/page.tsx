import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can } from "@/server/trpc";
import { CategoriesPanel } from "./categories-panel";

export const metadata: Metadata = { title: "Categories" };

export default async function CategoriesPage() {
  const user = await requireRole(can.readTenant);
  const canManage = (can.manageAssets as readonly string[]).includes(user.role);
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
