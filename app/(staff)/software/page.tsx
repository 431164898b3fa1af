import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can } from "@/server/roles";
import { SoftwareSearch } from "./software-search";

export const metadata: Metadata = { title: "Software" };

export default async function SoftwarePage() {
  await requireRole(can.readTenant);
  return (
    <>
      <PageHeader
        title="Software"
        description="Which devices run what, as their agents last reported: e.g. every device with Zoom below 6.0."
      />
      <HydrateClient>
        <SoftwareSearch />
      </HydrateClient>
    </>
  );
}
