"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormError } from "@/app/_components/form-error";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { mutationMessages } from "@/app/_lib/form-errors";
import { formatCount } from "@/app/_lib/format";
import { useTRPC } from "@/app/_trpc/client";
import { CancelImportButton } from "./cancel-import-button";
import type { ImportView } from "./import-types";

const IGNORE = "__ignore__";

/** Step 2: what each column holds (guessed from its header; the user can change it), then the dry run. */
export function MappingTable({ view }: { view: ImportView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [columns, setColumns] = useState<Array<string | null>>(view.columns);
  const validate = useMutation(
    trpc.assets.import.validate.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.assets.import.get.queryKey({ importId: view.id }), next);
        void queryClient.invalidateQueries({ queryKey: trpc.assets.import.problems.pathKey() });
      },
    }),
  );
  const taken = new Set(columns.filter(Boolean));
  const checking = view.status === "validating";
  const percent = Math.min(100, Math.round((view.processedRows / Math.max(1, view.totalRows)) * 100));

  return (
    <Card>
      <CardHeader>
        <CardTitle>Map the columns</CardTitle>
        <CardDescription>
          {view.fileName}: {view.totalRows.toLocaleString("en")} rows, separated by “{view.delimiter}”. Each
          column fills one asset field; Category and a Name (or Model) are required. Assigned to takes a work
          email or an employee number.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <Table stickyFirstColumn aria-label="Column mapping">
          <TableHeader>
            <TableRow>
              <TableHead>Column in the file</TableHead>
              <TableHead>First values</TableHead>
              <TableHead className="w-72">Asset field</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {view.headers.map((header, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional; headers may repeat
              <TableRow key={index}>
                <TableCell className="font-medium">{header || `Column ${index + 1}`}</TableCell>
                <TableCell className="max-w-xs truncate text-muted-foreground text-xs">
                  {view.sample
                    .map((row) => row[index] ?? "")
                    .filter(Boolean)
                    .slice(0, 3)
                    .join(" · ")}
                </TableCell>
                <TableCell>
                  <Select
                    disabled={checking}
                    value={columns[index] ?? IGNORE}
                    onValueChange={(value) =>
                      setColumns((current) =>
                        current.map((target, i) =>
                          i === index ? (value === IGNORE ? null : value) : target,
                        ),
                      )
                    }
                  >
                    <SelectTrigger className="w-full" aria-label={`Field for column ${header || index + 1}`}>
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      <SelectItem value={IGNORE}>Don’t import</SelectItem>
                      {view.fields.map((field) => (
                        <SelectItem
                          key={field.value}
                          value={field.value}
                          disabled={taken.has(field.value) && columns[index] !== field.value}
                        >
                          {field.label}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {checking ? (
          <div className="grid gap-1">
            <div
              role="progressbar"
              aria-label="Dry run progress"
              aria-valuemin={0}
              aria-valuemax={view.totalRows}
              aria-valuenow={view.processedRows}
              aria-valuetext={`${formatCount(view.processedRows)} of ${formatCount(view.totalRows)} rows checked`}
              className="h-2 w-full overflow-hidden rounded-full bg-muted"
            >
              <div
                className="h-full bg-primary transition-[width] duration-500"
                style={{ width: `${percent}%` }}
              />
            </div>
            <p className="text-muted-foreground text-sm tabular-nums" aria-live="polite">
              Checking every row: {formatCount(view.processedRows)} of {formatCount(view.totalRows)}. You can
              leave this page; the dry run carries on.
            </p>
          </div>
        ) : null}
        <FormError message={mutationMessages(validate.error, []).form ?? view.error} />
        <div className="flex flex-wrap justify-end gap-2">
          {/* once validated, the confirm panel below offers the cancel */}
          {view.status !== "validated" ? <CancelImportButton view={view} /> : null}
          <Button
            onClick={() => validate.mutate({ importId: view.id, columns })}
            disabled={validate.isPending || checking}
          >
            {validate.isPending || checking
              ? "Checking every row…"
              : view.status === "validated"
                ? "Run the dry run again"
                : "Run dry run"}
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
