import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { FailingIntegrationsPanel } from "./failing-integrations-panel";
import { TenantsPanel } from "./tenants-panel";

export const metadata: Metadata = { title: "Tenants" };

export default async function PlatformPage() {
  await requireRole(["super_admin"]);
  prefetch(trpc.platform.tenants.queryOptions());
  prefetch(trpc.platform.failingIntegrations.queryOptions());
  return (
    <div className="grid gap-6">
      <PageHeader title="Tenants" description="Every organization on this Assetronics installation." />
      <HydrateClient>
        <FailingIntegrationsPanel />
        <TenantsPanel />
      </HydrateClient>
    </div>
  );
}
