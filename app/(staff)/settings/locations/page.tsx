import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can, hasRole } from "@/server/roles";
import { LocationsPanel } from "./locations-panel";

export const metadata: Metadata = { title: "Locations" };

export default async function LocationsPage() {
  const user = await requireRole(can.readTenant);
  const canManage = hasRole(user.role, can.manageAssets);
  prefetch(trpc.reference.locationTree.queryOptions({ includeArchived: false }));
  return (
    <>
      <PageHeader
        title="Locations"
        description="Sites contain buildings, buildings floors, floors rooms. Assets and people are placed at any level."
      />
      <HydrateClient>
        <LocationsPanel canManage={canManage} />
      </HydrateClient>
    </>
  );
}
