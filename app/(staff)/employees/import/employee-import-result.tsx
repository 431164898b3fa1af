"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import {
  DryRunCounts,
  ImportEndingHeader,
  ImportEndingLinks,
  ImportRunning,
} from "@/app/_components/csv-import/import-stages";
import { FormError } from "@/app/_components/form-error";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { StatCard } from "@/app/_components/ui/stat-card";
import { mutationMessages } from "@/app/_lib/form-errors";
import { formatCount } from "@/app/_lib/format";
import { useTRPC } from "@/app/_trpc/client";
import { EmployeeImportCancel, EmployeeImportProblems } from "./employee-import-mapping";
import { type EmployeeImportView, employeeProblemLabels } from "./employee-import-types";

/** Step 3: the dry run's counts and first problems; confirming writes the rows that passed. */
export function EmployeeImportConfirm({ view }: { view: EmployeeImportView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const confirm = useMutation(
    trpc.employees.import.confirm.mutationOptions({
      onSuccess: (next) =>
        queryClient.setQueryData(trpc.employees.import.get.queryKey({ importId: view.id }), next),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Dry run result</CardTitle>
        <CardDescription>
          Nothing has been written yet. Rows with problems are skipped; fix them in the file and import it
          again (rows already imported then match and stay unchanged).
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <DryRunCounts view={view} labels={employeeProblemLabels} />
        <EmployeeImportProblems view={view} />
        <FormError message={mutationMessages(confirm.error, []).form} />
        <div className="flex flex-wrap justify-end gap-2">
          <EmployeeImportCancel view={view} />
          <Button
            onClick={() => confirm.mutate({ importId: view.id })}
            disabled={confirm.isPending || view.validRows === 0}
          >
            {confirm.isPending ? "Starting…" : `Import ${formatCount(view.validRows)} rows`}
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}

/** Step 4: the bar while the rows are written (the page polls), then how each row ended. */
export function EmployeeImportProgress({ view }: { view: EmployeeImportView }) {
  if (view.status === "importing") {
    return (
      <ImportRunning
        title="Importing…"
        description="Rows are written in batches, managers before their reports; you can leave this page, the import carries on."
        done={view.processedRows}
        total={view.validRows}
        cancel={<EmployeeImportCancel view={view} />}
      />
    );
  }
  return (
    <Card>
      <ImportEndingHeader view={view} />
      <CardContent className="grid gap-4">
        {view.status === "failed" && view.error ? (
          <p role="status" className="text-sm">
            {view.error}
          </p>
        ) : null}
        <section aria-label="Import result" className="grid gap-4 sm:grid-cols-4">
          <StatCard label="Created" value={formatCount(view.createdRows)} />
          <StatCard label="Updated" value={formatCount(view.updatedRows)} />
          <StatCard label="Unchanged" value={formatCount(view.unchangedRows)} />
          <StatCard
            label="Failed"
            value={formatCount(view.totalRows - view.importedRows)}
            hint="Rows not written: see the problems below"
          />
        </section>
        <EmployeeImportProblems view={view} />
        <ImportEndingLinks list="/employees" listLabel="View employees" page="/employees/import" />
      </CardContent>
    </Card>
  );
}
