import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can, hasRole } from "@/server/roles";
import { RequestQueue } from "./request-queue";

export const metadata: Metadata = { title: "Equipment requests" };

/** What employees asked for in the portal: IT staff approve (a procurement workflow starts) or decline. */
export default async function EquipmentRequestsPage() {
  const user = await requireRole(can.readTenant);
  prefetch(trpc.portal.requests.list.queryOptions({ page: 1 }));
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Equipment requests"
        description="What employees asked for in the portal. Approving one starts a procurement workflow; the employee hears either way."
      />
      <HydrateClient>
        <RequestQueue canDecide={hasRole(user.role, can.manageAssets)} />
      </HydrateClient>
    </div>
  );
}
