import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { requireRole } from "@/server/auth/guards";
import { can, hasRole } from "@/server/roles";
import { AuditSession } from "./audit-session";

export const metadata: Metadata = { title: "Audit" };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function AuditPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole(can.readTenant);
  const { id } = await params;
  if (!uuid.test(id)) notFound();
  prefetch(trpc.assets.audits.get.queryOptions({ auditId: id }));
  return (
    <HydrateClient>
      <AuditSession auditId={id} canAudit={hasRole(user.role, can.manageAssets)} />
    </HydrateClient>
  );
}
