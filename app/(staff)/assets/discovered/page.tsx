import type { Metadata } from "next";
import Link from "next/link";
import { buttonVariants } from "@/app/_components/ui/button";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can } from "@/server/roles";
import { DiscoveredList } from "./discovered-list";

export const metadata: Metadata = { title: "Discovered devices" };

export default async function DiscoveredDevicesPage() {
  await requireRole(can.manageAssets);
  prefetch(trpc.agent.discovered.queryOptions());
  prefetch(trpc.reference.categories.queryOptions());
  return (
    <>
      <PageHeader
        title="Discovered devices"
        description="Devices the agent enrolled that match no asset: accept each as a new asset, link it to the asset it is, or ignore it."
        actions={
          <Link href="/software" className={buttonVariants({ variant: "outline" })}>
            Software search
          </Link>
        }
      />
      <HydrateClient>
        <DiscoveredList />
      </HydrateClient>
    </>
  );
}
