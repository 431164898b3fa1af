import type { Metadata } from "next";
import Link from "next/link";
import { buttonVariants } from "@/app/_components/ui/button";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can, hasRole } from "@/server/roles";
import { AuditList } from "./audit-list";
import { StartAuditDialog } from "./start-audit-dialog";

export const metadata: Metadata = { title: "Physical audits" };

/** Physical audits: count what is really at a location, find what is missing or misplaced. */
export default async function AuditsPage() {
  const user = await requireRole(can.readTenant);
  const canAudit = hasRole(user.role, can.manageAssets);
  prefetch(trpc.assets.audits.list.queryOptions());
  if (canAudit) prefetch(trpc.reference.locations.queryOptions());
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Physical audits"
        description="Pick a location, scan what is there, and see what is missing or out of place."
        actions={
          <>
            <Link href="/assets" className={buttonVariants({ variant: "outline" })}>
              Back to assets
            </Link>
            {canAudit ? (
              <HydrateClient>
                <StartAuditDialog />
              </HydrateClient>
            ) : null}
          </>
        }
      />
      <HydrateClient>
        <AuditList />
      </HydrateClient>
    </div>
  );
}
