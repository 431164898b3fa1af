"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { CsvUploadCard } from "@/app/_components/csv-import/csv-upload-card";
import { ImportStages } from "@/app/_components/csv-import/import-stages";
import { whileImportRuns } from "@/app/_components/csv-import/progress-bar";
import { RecentImportsTable } from "@/app/_components/csv-import/recent-imports-table";
import { mutationMessages } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_trpc/client";
import { EmployeeImportMapping } from "./employee-import-mapping";
import { EmployeeImportConfirm, EmployeeImportProgress } from "./employee-import-result";

const PAGE = "/employees/import";

/** Upload -> mapping + dry run -> confirm -> progress and result, driven by the import's status. */
export function EmployeeImportWizard({ importId }: { importId: string | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const upload = useMutation(
    trpc.employees.import.upload.mutationOptions({
      onSuccess: (view) => router.replace(`${PAGE}?id=${view.id}`),
    }),
  );
  const recent = useQuery({ ...trpc.employees.import.list.queryOptions(), enabled: !importId });
  if (importId) return <EmployeeImportSteps importId={importId} />;
  return (
    <div className="grid gap-6">
      <CsvUploadCard
        description="The first line names the columns: name (or first and last name), work email, employee number, title, department, manager (their work email or employee number), location, employment type, hire date, status, and the personal fields. Each row is matched to a person by work email; an empty cell leaves that field as it is."
        onFile={(file) => upload.mutate(file)}
        pending={upload.isPending}
        error={mutationMessages(upload.error, []).form}
      />
      <RecentImportsTable imports={recent.data ?? []} page={PAGE} />
    </div>
  );
}

function EmployeeImportSteps({ importId }: { importId: string }) {
  const trpc = useTRPC();
  const { data: view, error } = useQuery({
    ...trpc.employees.import.get.queryOptions({ importId }),
    refetchInterval: whileImportRuns,
  });
  return (
    <ImportStages
      view={view}
      error={error}
      mapping={(view) => <EmployeeImportMapping view={view} />}
      confirm={(view) => <EmployeeImportConfirm view={view} />}
      progress={(view) => <EmployeeImportProgress view={view} />}
    />
  );
}
