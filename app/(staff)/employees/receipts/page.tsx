import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { REMINDER_CAP, REMINDER_FIRST_AFTER_DAYS } from "@/server/portal/receipts/schemas";
import { can, hasRole } from "@/server/roles";
import { PendingReceipts } from "./pending-receipts";

export const metadata: Metadata = { title: "Pending receipts" };

/** Assets handed over whose holder has not yet accepted or declined them, oldest first. */
export default async function PendingReceiptsPage() {
  const user = await requireRole(can.readTenant);
  prefetch(trpc.portal.receipts.pending.queryOptions({ page: 1 }));
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Pending receipts"
        description={`Equipment handed over and not yet accepted or declined in the portal. Holders are reminded after ${REMINDER_FIRST_AFTER_DAYS} days, then weekly, ${REMINDER_CAP} times at most.`}
      />
      <HydrateClient>
        <PendingReceipts canRemind={hasRole(user.role, can.manageAssets)} />
      </HydrateClient>
    </div>
  );
}
