import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/ui/page-header";
import { toUrlSearchParams } from "@/app/_lib/search-params";
import { getQueryClient, HydrateClient, prefetch, trpc } from "@/app/_trpc/server";
import { AuditFilters } from "@/server/audit/schemas";
import { filtersFromSearchParams } from "@/server/audit/search-params";
import { requireRole } from "@/server/auth/guards";
import { can } from "@/server/roles";
import { AuditLog } from "./audit-log";
import { nextAuditCursor } from "./list-options";

export const metadata: Metadata = { title: "Audit log" };

type AuditPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: AuditPageProps) {
  await requireRole(can.audit);
  const filters = AuditFilters.safeParse(filtersFromSearchParams(toUrlSearchParams(await searchParams)));
  prefetch(trpc.audit.facets.queryOptions());
  if (filters.success && filters.data.entityType && filters.data.entityId) {
    prefetch(
      trpc.audit.subject.queryOptions({
        entityType: filters.data.entityType,
        entityId: filters.data.entityId,
      }),
    );
  }
  if (filters.success) {
    void getQueryClient().prefetchInfiniteQuery(
      trpc.audit.list.infiniteQueryOptions(filters.data, { getNextPageParam: nextAuditCursor }),
    );
  }
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Audit log"
        description="Every change in your organization, as it was recorded. Entries can never be edited or deleted."
      />
      <HydrateClient>
        <AuditLog />
      </HydrateClient>
    </div>
  );
}
