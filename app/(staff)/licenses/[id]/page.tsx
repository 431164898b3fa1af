import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can, hasRole } from "@/server/roles";
import { LicenseDetailView } from "./license-detail";

type LicensePageProps = { params: Promise<{ id: string }> };

/** The licence, or a 404 for an id this organization does not have (or that is not an id at all). */
async function loadLicense(licenseId: string) {
  await requireRole(can.readTenant);
  try {
    return await getQueryClient().fetchQuery(trpc.licenses.get.queryOptions({ licenseId }));
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: LicensePageProps): Promise<Metadata> {
  return { title: (await loadLicense((await params).id)).name };
}

export default async function LicensePage({ params }: LicensePageProps) {
  const user = await requireRole(can.readTenant);
  const { id } = await params;
  await loadLicense(id);
  return (
    <HydrateClient>
      <LicenseDetailView licenseId={id} canManage={hasRole(user.role, can.manageAssets)} />
    </HydrateClient>
  );
}
