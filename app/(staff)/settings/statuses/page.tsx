import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can, hasRole } from "@/server/roles";
import { StatusesPanel } from "./statuses-panel";

export const metadata: Metadata = { title: "Statuses" };

export default async function StatusesPage() {
  const user = await requireRole(can.readTenant);
  const canManage = hasRole(user.role, can.manageAssets);
  prefetch(trpc.reference.statuses.queryOptions({ includeArchived: false }));
  return (
    <>
      <PageHeader
        title="Statuses"
        description="Your labels for where an asset is in its life. Each maps to a lifecycle stage; the default of a stage is where assign, return and repair move assets."
      />
      <HydrateClient>
        <StatusesPanel canManage={canManage} />
      </HydrateClient>
    </>
  );
}
