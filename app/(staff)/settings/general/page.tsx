import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can, hasRole } from "@/server/roles";
import { CurrencyCard } from "./currency-card";
import { StorageCard } from "./storage-card";

export const metadata: Metadata = { title: "General" };

export default async function GeneralSettingsPage() {
  const user = await requireRole(can.readTenant);
  prefetch(trpc.tenants.settings.queryOptions());
  prefetch(trpc.files.usage.queryOptions());
  return (
    <>
      <PageHeader
        title="General"
        description="How your organization's figures are shown and exported, and how much file storage it uses."
      />
      <HydrateClient>
        <CurrencyCard canManage={hasRole(user.role, can.manageTenant)} />
        <StorageCard />
      </HydrateClient>
    </>
  );
}
