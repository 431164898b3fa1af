"use client";

import { Plus } from "lucide-react";
import type { ComponentProps, ReactNode } from "react";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { ArchivedBadge, ShowArchivedToggle } from "./reference-ui";
import { type RowAction, RowActions } from "./row-actions";

type ReferenceCardProps = {
  title: string;
  description: ReactNode;
  /** The id of the "Show archived" checkbox (one per page). */
  archivedToggleId: string;
  archived: { checked: boolean; setShowArchived: (value: boolean) => void };
  /** The add button; omitted for people who may only read. */
  add?: { label: string; onClick: () => void; disabled?: boolean };
  /** Shown instead of the list while there is nothing to list; omit to always show the list. */
  empty?: { title: string; description: string; icon?: ReactNode } | null;
  children: ReactNode;
};

/**
 * The frame every reference-data card shares (organizations, departments, categories,
 * manufacturers, models, statuses, locations): title, a count or hint, the archived toggle, the
 * add button, and the list or its empty state. Each card says only what differs.
 */
export function ReferenceCard({
  title,
  description,
  archivedToggleId,
  archived,
  add,
  empty,
  children,
}: ReferenceCardProps) {
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-4">
        <div className="grid gap-1.5">
          <CardTitle>{title}</CardTitle>
          <CardDescription>{description}</CardDescription>
        </div>
        <div className="flex items-center gap-4">
          <ShowArchivedToggle
            id={archivedToggleId}
            checked={archived.checked}
            onChange={archived.setShowArchived}
          />
          {add ? (
            <Button onClick={add.onClick} disabled={add.disabled}>
              <Plus aria-hidden /> {add.label}
            </Button>
          ) : null}
        </div>
      </CardHeader>
      <CardContent>
        {empty ? (
          <EmptyState icon={empty.icon} title={empty.title} description={empty.description} />
        ) : (
          children
        )}
      </CardContent>
    </Card>
  );
}

export type ReferenceColumn<Row> = {
  header: string;
  cell: (row: Row) => ReactNode;
  /** Counts: right-aligned, tabular figures. */
  numeric?: boolean;
  className?: string;
};

type ReferenceTableProps<Row> = {
  /** The table's accessible name. */
  label: string;
  columns: ReferenceColumn<Row>[];
  rows: readonly Row[];
  /** Per-row attributes: an id to scroll to, a test id, a highlight. */
  rowProps?: (row: Row) => Omit<ComponentProps<typeof TableRow>, "children"> & { "data-testid"?: string };
  /** Each row's "…" menu, named after the row; omit for a table its reader may not change. */
  actions?: { name: (row: Row) => string; of: (row: Row) => RowAction[] };
};

/** A reference list as a table: one row per record, its actions in the last column. */
export function ReferenceTable<Row extends { id: string }>({
  label,
  columns,
  rows,
  rowProps,
  actions,
}: ReferenceTableProps<Row>) {
  return (
    <Table stickyFirstColumn aria-label={label}>
      <TableHeader>
        <TableRow>
          {columns.map((column) => (
            <TableHead key={column.header} className={column.numeric ? "text-right" : undefined}>
              {column.header}
            </TableHead>
          ))}
          {actions ? <TableHead className="w-12 text-right">Actions</TableHead> : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id} {...rowProps?.(row)}>
            {columns.map((column) => (
              <TableCell
                key={column.header}
                className={column.numeric ? "text-right tabular-nums" : column.className}
              >
                {column.cell(row)}
              </TableCell>
            ))}
            {actions ? (
              <TableCell className="text-right">
                <RowActions name={actions.name(row)} actions={actions.of(row)} />
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** A record's name cell: the name (and whatever marks it), "Archived", and its other spellings. */
export function NameCell({
  archivedAt,
  aliases,
  children,
}: {
  archivedAt: Date | null;
  aliases?: ReadonlyArray<{ id: string; alias: string }>;
  children: ReactNode;
}) {
  return (
    <>
      <div className="flex min-w-40 flex-wrap items-center gap-2 whitespace-normal font-medium [overflow-wrap:anywhere]">
        {children} <ArchivedBadge archivedAt={archivedAt} />
      </div>
      {aliases?.length ? (
        <div className="mt-1 flex flex-wrap items-center gap-1 text-muted-foreground text-xs">
          Also known as
          {aliases.map((alias) => (
            <Badge key={alias.id} variant="outline">
              {alias.alias}
            </Badge>
          ))}
        </div>
      ) : null}
    </>
  );
}
