"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { CancelImportDialog, NOTHING_WRITTEN_YET } from "@/app/_components/csv-import/cancel-import-dialog";
import { MappingCard } from "@/app/_components/csv-import/mapping-card";
import { PROBLEM_PAGE_SIZE, ProblemTable } from "@/app/_components/csv-import/problem-table";
import { mutationMessages } from "@/app/_lib/form-errors";
import { formatCount } from "@/app/_lib/format";
import { useTRPC } from "@/app/_trpc/client";
import type { EmployeeImportView } from "./employee-import-types";

/** Step 2: each column to an employee field (MappingCard), then the dry run. */
export function EmployeeImportMapping({ view }: { view: EmployeeImportView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const validate = useMutation(
    trpc.employees.import.validate.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.employees.import.get.queryKey({ importId: view.id }), next);
        void queryClient.invalidateQueries({ queryKey: trpc.employees.import.problems.pathKey() });
      },
    }),
  );
  return (
    <MappingCard
      view={view}
      description="Each column fills one employee field; Work email (rows are matched to people by it) and a name are required. Manager takes a work email or an employee number, of someone in the file or already here."
      fieldHeading="Employee field"
      onRun={(columns) => validate.mutate({ importId: view.id, columns })}
      pending={validate.isPending}
      error={mutationMessages(validate.error, []).form}
      actions={view.status !== "validated" ? <EmployeeImportCancel view={view} /> : null}
    />
  );
}

/** An employee import's row problems, a page at a time. */
export function EmployeeImportProblems({ view }: { view: EmployeeImportView }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const problems = useQuery({
    ...trpc.employees.import.problems.queryOptions({ importId: view.id, page, pageSize: PROBLEM_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  return (
    <ProblemTable
      total={view.problemCount}
      listed={view.problemsListed}
      items={problems.data?.items ?? []}
      page={page}
      onPage={setPage}
      downloadHref={`/api/employees/import/${view.id}/problems`}
    />
  );
}

/** "Cancel import": before the confirmation nothing is written; while importing, people written stay. */
export function EmployeeImportCancel({ view }: { view: EmployeeImportView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.employees.import.get.queryKey({ importId: view.id });
  const cancel = useMutation(
    trpc.employees.import.cancel.mutationOptions({
      onSuccess: (next) => queryClient.setQueryData(key, next),
      onError: (error) => {
        toast.error(error.message);
        void queryClient.invalidateQueries({ queryKey: key });
      },
    }),
  );
  const importing = view.status === "importing";
  return (
    <CancelImportDialog
      fileName={view.fileName}
      consequence={
        importing
          ? `The import stops before its next batch. The ${formatCount(view.importedRows)} rows written so far (and any in the batch being written) stay; the remaining rows are not imported.`
          : NOTHING_WRITTEN_YET
      }
      importing={importing}
      pending={cancel.isPending}
      onCancel={() => cancel.mutate({ importId: view.id })}
    />
  );
}
