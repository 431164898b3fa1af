"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Pagination } from "@/app/_components/pagination";
import { StatusBadge } from "@/app/_components/status-badge";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { formatDay } from "@/app/_lib/format";
import { useTRPC } from "@/app/_trpc/client";
import { heldAssetsInput } from "./held-assets-input";

/** What the employee holds right now (assets.list filtered by holder). */
export function HeldAssets({ employeeId, name }: { employeeId: string; name: string }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.assets.list.queryOptions(heldAssetsInput(employeeId, page)),
    placeholderData: keepPreviousData,
  });
  if (!list.data) {
    return list.isError ? (
      <p role="alert" className="text-sm text-destructive">
        {list.error.message}
      </p>
    ) : (
      <Skeleton className="h-24" role="status" aria-label="Loading assets" />
    );
  }
  if (list.data.items.length === 0) {
    return <p className="text-sm text-muted-foreground">{name} holds no assets.</p>;
  }
  return (
    <div className="grid gap-3">
      <Table stickyFirstColumn aria-label={`Assets held by ${name}`}>
        <TableHeader>
          <TableRow>
            <TableHead>Tag</TableHead>
            <TableHead>Name</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Warranty ends</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {list.data.items.map((asset) => (
            <TableRow key={asset.id}>
              <TableCell className="font-mono text-xs">
                <Link href={`/assets/${asset.id}`} className="font-medium underline-offset-4 hover:underline">
                  {asset.tag}
                </Link>
              </TableCell>
              <TableCell className="whitespace-normal">{asset.name}</TableCell>
              <TableCell>
                <StatusBadge label={asset.status.label} color={asset.status.color} />
              </TableCell>
              <TableCell>{formatDay(asset.warrantyEnd)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Pagination
        page={list.data.page}
        pageSize={list.data.pageSize}
        shown={list.data.items.length}
        total={list.data.total}
        totalIsCapped={list.data.totalIsCapped}
        noun="assets"
        onPageChange={setPage}
      />
    </div>
  );
}
