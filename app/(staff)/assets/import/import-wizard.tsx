"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { useTRPC } from "@/app/_trpc/client";
import { ConfirmPanel } from "./confirm-panel";
import { ImportProgress } from "./import-progress";
import { MappingTable } from "./mapping-table";
import { RecentImports } from "./recent-imports";
import { UploadStep } from "./upload-step";

/** Upload -> mapping + dry run -> confirm -> progress and summary, driven by the import's status. */
export function ImportWizard({ importId }: { importId: string | null }) {
  const router = useRouter();
  if (!importId) {
    return (
      <div className="grid gap-6">
        <UploadStep onUploaded={(id) => router.replace(`/assets/import?id=${id}`)} />
        <RecentImports />
      </div>
    );
  }
  return <ImportSteps importId={importId} />;
}

function ImportSteps({ importId }: { importId: string }) {
  const trpc = useTRPC();
  const { data: view, error } = useQuery({
    ...trpc.assets.import.get.queryOptions({ importId }),
    // The dry run and the import run in the background: follow them until they end.
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === "importing" || status === "validating" ? 1000 : false;
    },
  });
  if (error) {
    return (
      <p role="alert" className="text-destructive text-sm">
        {error.message}
      </p>
    );
  }
  if (!view) return <Skeleton className="h-64 w-full" />;
  if (view.status === "uploaded" || view.status === "validating" || view.status === "validated") {
    return (
      <div className="grid gap-6">
        <MappingTable key={`${view.columns.join("|")}:${view.status === "validating"}`} view={view} />
        {view.status === "validated" ? <ConfirmPanel key={view.validRows} view={view} /> : null}
      </div>
    );
  }
  return <ImportProgress view={view} />;
}
