import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { tenantRoles } from "@/server/roles";
import { MyRequests } from "./my-requests";

export const metadata: Metadata = { title: "Request equipment" };

/** Ask IT for equipment, and follow what became of each request. */
export default async function PortalRequestsPage() {
  await requireRole(tenantRoles);
  prefetch(trpc.portal.requests.mine.queryOptions());
  prefetch(trpc.portal.requests.categories.queryOptions());
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Request equipment"
        description="Ask IT for what you need for your work. They approve or decline it, and you hear either way."
      />
      <HydrateClient>
        <MyRequests />
      </HydrateClient>
    </div>
  );
}
