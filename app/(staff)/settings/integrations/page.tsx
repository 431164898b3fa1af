import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can, hasRole } from "@/server/roles";
import { IntegrationsPanel } from "./integrations-panel";

export const metadata: Metadata = { title: "Integrations" };

/** Admins connect and sync HR systems here; auditors see the same pages read-only. */
export default async function IntegrationsPage() {
  const user = await requireRole(can.audit);
  prefetch(trpc.integrations.catalog.queryOptions());
  prefetch(trpc.integrations.list.queryOptions());
  return (
    <>
      <PageHeader
        title="Integrations"
        description="Where employees come from: each HR system's connection, its syncs and whether they work."
      />
      <HydrateClient>
        <IntegrationsPanel canManage={hasRole(user.role, can.manageTenant)} />
      </HydrateClient>
    </>
  );
}
