"use client";

import type { ReactNode } from "react";
import { useState } from "react";
import { FormError } from "@/app/_components/form-error";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { formatCount } from "@/app/_lib/format";
import { ProgressBar } from "./progress-bar";

const IGNORE = "__ignore__";

/** What the mapping step reads of an import of any kind. */
export type MappableImport = {
  fileName: string;
  status: string;
  delimiter: string;
  totalRows: number;
  processedRows: number;
  headers: string[];
  columns: Array<string | null>;
  sample: string[][];
  fields: Array<{ value: string; label: string }>;
  error: string | null;
};

/**
 * Step 2 of any CSV import: what each column holds (guessed from its header; the user can change
 * it), then the dry run, whose progress shows while it runs. `onRun` asks for the dry run with the
 * columns chosen; `actions` come before its button (the cancel).
 */
export function MappingCard({
  view,
  description,
  fieldHeading,
  onRun,
  pending,
  error,
  actions,
}: {
  view: MappableImport;
  description: string;
  fieldHeading: string;
  onRun: (columns: Array<string | null>) => void;
  pending: boolean;
  error: string | null | undefined;
  actions: ReactNode;
}) {
  const [columns, setColumns] = useState<Array<string | null>>(view.columns);
  const taken = new Set(columns.filter(Boolean));
  const checking = view.status === "validating";

  return (
    <Card>
      <CardHeader>
        <CardTitle>Map the columns</CardTitle>
        <CardDescription>
          {view.fileName}: {view.totalRows.toLocaleString("en")} rows, separated by “{view.delimiter}”.{" "}
          {description}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <Table stickyFirstColumn aria-label="Column mapping">
          <TableHeader>
            <TableRow>
              <TableHead>Column in the file</TableHead>
              <TableHead>First values</TableHead>
              <TableHead className="w-72">{fieldHeading}</TableHead>
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
            <ProgressBar
              label="Dry run progress"
              done={view.processedRows}
              total={view.totalRows}
              unit="rows checked"
            />
            <p className="text-muted-foreground text-sm tabular-nums" aria-live="polite">
              Checking every row: {formatCount(view.processedRows)} of {formatCount(view.totalRows)}. You can
              leave this page; the dry run carries on.
            </p>
          </div>
        ) : null}
        <FormError message={error ?? view.error} />
        <div className="flex flex-wrap justify-end gap-2">
          {actions}
          <Button onClick={() => onRun(columns)} disabled={pending || checking}>
            {pending || checking
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
