"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { ImportStages } from "@/app/_components/csv-import/import-stages";
import { whileImportRuns } from "@/app/_components/csv-import/progress-bar";
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
    refetchInterval: whileImportRuns,
  });
  return (
    <ImportStages
      view={view}
      error={error}
      mapping={(view) => <MappingTable view={view} />}
      confirm={(view) => <ConfirmPanel key={view.validRows} view={view} />}
      progress={(view) => <ImportProgress view={view} />}
    />
  );
}
