import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can, hasRole } from "@/server/roles";
import { TermsEditor } from "./terms-editor";

export const metadata: Metadata = { title: "Equipment terms" };

/** The words employees accept equipment under, versioned: admins publish, staff read. */
export default async function EquipmentTermsPage() {
  const user = await requireRole(can.readTenant);
  prefetch(trpc.portal.terms.overview.queryOptions());
  return (
    <>
      <PageHeader
        title="Equipment terms"
        description="What employees accept when they sign for equipment in the portal. Each change is a new version; signed receipts keep the version they were signed under."
      />
      <HydrateClient>
        <TermsEditor canPublish={hasRole(user.role, can.manageTenant)} />
      </HydrateClient>
    </>
  );
}
