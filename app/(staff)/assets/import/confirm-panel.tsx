"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { DryRunCounts } from "@/app/_components/csv-import/import-stages";
import { FormError } from "@/app/_components/form-error";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { mutationMessages } from "@/app/_lib/form-errors";
import { formatCount } from "@/app/_lib/format";
import { useTRPC } from "@/app/_trpc/client";
import type { ImportMode } from "@/server/assets/import/schemas";
import { CancelImportButton } from "./cancel-import-button";
import { type ImportView, problemLabels } from "./import-types";
import { ProblemList } from "./problem-list";

/** Step 3: the dry run's outcome and the choice of how to write it. */
export function ConfirmPanel({ view }: { view: ImportView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const name = useId();
  const rejected = view.totalRows - view.validRows;
  const [mode, setMode] = useState<ImportMode>(rejected > 0 ? "valid_only" : "all_or_nothing");
  const confirm = useMutation(
    trpc.assets.import.confirm.mutationOptions({
      onSuccess: (next) =>
        queryClient.setQueryData(trpc.assets.import.get.queryKey({ importId: view.id }), next),
    }),
  );
  const options: Array<{ value: ImportMode; label: string; hint: string; disabled: boolean }> = [
    {
      value: "all_or_nothing",
      label: "All or nothing",
      hint:
        rejected > 0
          ? "Not available: some rows have problems. Fix the file and upload it again."
          : "Every row is written in one transaction; if any row fails, nothing is imported.",
      disabled: rejected > 0,
    },
    {
      value: "valid_only",
      label: "Import valid rows only",
      hint: `Write the ${formatCount(view.validRows)} valid rows and skip the ${formatCount(rejected)} with problems.`,
      disabled: view.validRows === 0,
    },
  ];

  return (
    <Card>
      <CardHeader>
        <CardTitle>Dry run result</CardTitle>
        <CardDescription>Nothing has been written yet.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <DryRunCounts view={view} labels={problemLabels} />
        <ProblemList importId={view.id} total={view.problemCount} listed={view.problemsListed} />
        <fieldset className="grid gap-3">
          <legend className="mb-2 font-medium text-sm">How to import</legend>
          {options.map((option) => (
            <label
              key={option.value}
              className="flex items-start gap-3 rounded-md border p-3 has-disabled:opacity-60"
            >
              <input
                type="radio"
                name={name}
                value={option.value}
                checked={mode === option.value}
                disabled={option.disabled}
                onChange={() => setMode(option.value)}
                className="mt-1"
              />
              <span className="grid gap-0.5">
                <span className="font-medium text-sm">{option.label}</span>
                <span className="text-muted-foreground text-sm">{option.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <FormError message={mutationMessages(confirm.error, []).form} />
        <div className="flex flex-wrap justify-end gap-2">
          <CancelImportButton view={view} />
          <Button
            onClick={() => confirm.mutate({ importId: view.id, mode })}
            disabled={confirm.isPending || view.validRows === 0}
          >
            {confirm.isPending
              ? "Starting…"
              : `Import ${formatCount(mode === "valid_only" ? view.validRows : view.totalRows)} assets`}
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
