import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { toUrlSearchParams } from "@/app/_lib/search-params";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can, hasRole } from "@/server/roles";
import { listInputFromView, viewFromSearchParams } from "../../../server/assets/list/url";
import { AssetList } from "./asset-list";
import { AssetsHeaderActions } from "./header-actions";

export const metadata: Metadata = { title: "Assets" };

type AssetsPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AssetsPage({ searchParams }: AssetsPageProps) {
  const user = await requireRole(can.readTenant);
  const canManage = hasRole(user.role, can.manageAssets);
  const view = viewFromSearchParams(toUrlSearchParams(await searchParams));
  prefetch(trpc.assets.list.queryOptions(listInputFromView(view)));
  prefetch(trpc.reference.statuses.queryOptions());
  prefetch(trpc.reference.categories.queryOptions());
  prefetch(trpc.reference.locations.queryOptions());
  prefetch(trpc.tenants.settings.queryOptions());
  if (view.employeeId) prefetch(trpc.employees.get.queryOptions({ employeeId: view.employeeId }));
  const headerActions = <AssetsHeaderActions canManage={canManage} />;
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Assets"
        description="Everything you track: who has it, where it is, and what happened to it."
        actions={headerActions}
      />
      <HydrateClient>
        <AssetList canManage={canManage} />
      </HydrateClient>
    </div>
  );
}
