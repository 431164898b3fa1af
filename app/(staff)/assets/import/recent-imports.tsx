"use client";

import { useQuery } from "@tanstack/react-query";
import { RecentImportsTable } from "@/app/_components/csv-import/recent-imports-table";
import { useTRPC } from "@/app/_trpc/client";

/** The latest asset imports. "Imported" counts the assets that stayed. */
export function RecentImports() {
  const trpc = useTRPC();
  const { data: imports = [] } = useQuery(trpc.assets.import.list.queryOptions());
  return <RecentImportsTable imports={imports} page="/assets/import" />;
}
