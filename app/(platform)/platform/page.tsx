import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { TenantsPanel } from "./tenants-panel";

export const metadata: Metadata = { title: "Tenants" };

export default async function PlatformPage() {
  await requireRole(["super_admin"]);
  prefetch(trpc.platform.tenants.queryOptions());
  return (
    <div className="grid gap-6">
      <PageHeader title="Tenants" description="Every organization on this Assetronics installation." />
      <HydrateClient>
        <TenantsPanel />
      </HydrateClient>
    </div>
  );
}
