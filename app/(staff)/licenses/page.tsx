import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can, hasRole } from "@/server/roles";
import { LicenseList } from "./license-list";
import { firstLicensePage } from "./list-input";
import { NewLicenseButton } from "./new-license-button";

export const metadata: Metadata = { title: "Licences" };

export default async function LicensesPage() {
  const user = await requireRole(can.readTenant);
  const canManage = hasRole(user.role, can.manageAssets);
  // The first page, fetched here for its currency (the new-licence form's cost field), is hydrated into the list.
  const { currency } = await getQueryClient().fetchQuery(trpc.licenses.list.queryOptions(firstLicensePage));
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Licences"
        description="The software you pay for: who holds a seat, how many are free, and when each expires."
        actions={canManage ? <NewLicenseButton currency={currency} /> : null}
      />
      <HydrateClient>
        <LicenseList />
      </HydrateClient>
    </div>
  );
}
