import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can, hasRole } from "@/server/roles";
import { DepartmentsCard } from "./departments-card";
import { OrganizationsCard } from "./organizations-card";

export const metadata: Metadata = { title: "Organizations & departments" };

export default async function OrganizationsPage() {
  const user = await requireRole(can.readTenant);
  const canManage = hasRole(user.role, can.manageAssets);
  prefetch(trpc.reference.organizations.queryOptions({ includeArchived: false }));
  prefetch(trpc.reference.departments.queryOptions({ includeArchived: false }));
  return (
    <>
      <PageHeader
        title="Organizations & departments"
        description="One record per real organization and department. Other spellings are kept as aliases, so imports and integrations match them instead of creating duplicates."
      />
      <HydrateClient>
        <div className="grid gap-6">
          <DepartmentsCard canManage={canManage} />
          <OrganizationsCard canManage={canManage} />
        </div>
      </HydrateClient>
    </>
  );
}
