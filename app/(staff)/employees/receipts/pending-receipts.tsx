"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { BellRing, CircleCheck } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Pagination } from "@/app/_components/pagination";
import { SearchBox } from "@/app/_components/search-box";
import { DateTime } from "@/app/_components/time-zone";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { toastOutcome } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import {
  PENDING_RECEIPTS_PAGE_SIZE,
  PENDING_RECEIPTS_SEARCH_MAX,
  type PendingReceipt,
} from "@/server/portal/receipts/schemas";

const linkClass =
  "rounded-sm underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring";

const age = (days: number) => (days === 0 ? "Today" : days === 1 ? "1 day" : `${days} days`);

/** The unanswered receipts, oldest first, with "Remind now" for those who may. */
export function PendingReceipts({ canRemind }: { canRemind: boolean }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState("");
  const query = useQuery(trpc.portal.receipts.pending.queryOptions({ q: q || undefined, page }));
  const data = query.data;
  return (
    <Card>
      <CardContent className="grid gap-4">
        <SearchBox
          value={q}
          label="Search pending receipts"
          limit={PENDING_RECEIPTS_SEARCH_MAX}
          placeholder="Tag, asset or holder"
          onSearch={(next) => {
            setQ(next);
            setPage(1);
          }}
        />
        <ReceiptTable
          data={data}
          error={query.isError ? query.error.message : null}
          searching={Boolean(q)}
          canRemind={canRemind}
          page={page}
          onPageChange={setPage}
        />
      </CardContent>
    </Card>
  );
}

type ReceiptTableProps = {
  data: { items: PendingReceipt[]; total: number } | undefined;
  error: string | null;
  searching: boolean;
  canRemind: boolean;
  page: number;
  onPageChange: (page: number) => void;
};

function ReceiptTable({ data, error, searching, canRemind, page, onPageChange }: ReceiptTableProps) {
  if (error) {
    return (
      <p role="alert" className="text-sm text-destructive">
        {error}
      </p>
    );
  }
  if (!data) return <Skeleton className="h-24" role="status" aria-label="Loading pending receipts" />;
  if (data.total === 0) {
    return searching ? (
      <EmptyState
        icon={<CircleCheck aria-hidden />}
        title="No pending receipt matches"
        description="Search by the asset's tag or name, or the holder's name."
      />
    ) : (
      <EmptyState
        icon={<CircleCheck aria-hidden />}
        title="Every receipt is answered"
        description="When you assign equipment, its holder accepts or declines it in the portal; until they do, it is listed here."
      />
    );
  }
  return (
    <>
      <Table stickyFirstColumn aria-label="Pending receipts">
        <TableHeader>
          <TableRow>
            <TableHead>Asset</TableHead>
            <TableHead>Holder</TableHead>
            <TableHead>Handed over</TableHead>
            <TableHead>Waiting</TableHead>
            <TableHead>Reminders</TableHead>
            {canRemind ? <TableHead>Remind</TableHead> : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.items.map((receipt) => (
            <ReceiptRow key={receipt.assetId} receipt={receipt} canRemind={canRemind} />
          ))}
        </TableBody>
      </Table>
      <Pagination
        page={page}
        pageSize={PENDING_RECEIPTS_PAGE_SIZE}
        shown={data.items.length}
        total={data.total}
        totalIsCapped={false}
        noun="pending receipts"
        onPageChange={onPageChange}
      />
    </>
  );
}

function ReceiptRow({ receipt, canRemind }: { receipt: PendingReceipt; canRemind: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remind = useMutation(
    trpc.portal.receipts.remind.mutationOptions(
      toastOutcome(`${receipt.employeeName} reminded about ${receipt.tag}`, () =>
        queryClient.invalidateQueries(trpc.portal.receipts.pending.pathFilter()),
      ),
    ),
  );
  return (
    <TableRow>
      <TableCell className="whitespace-normal">
        <Link href={`/assets/${receipt.assetId}`} className={linkClass}>
          {receipt.tag}
        </Link>
        <span className="block text-xs text-muted-foreground">{receipt.assetName}</span>
      </TableCell>
      <TableCell className="whitespace-normal">
        <Link href={`/employees/${receipt.employeeId}`} className={linkClass}>
          {receipt.employeeName}
        </Link>
        {receipt.hasAccount ? null : (
          <span className="block text-xs text-muted-foreground">No account to answer with</span>
        )}
      </TableCell>
      <TableCell>
        <DateTime value={receipt.assignedAt} date />
      </TableCell>
      <TableCell>{age(receipt.ageDays)}</TableCell>
      <TableCell>
        {receipt.remindersSent === 0 ? (
          "None yet"
        ) : (
          <>
            {receipt.remindersSent}, last <DateTime value={receipt.lastRemindedAt} />
          </>
        )}
      </TableCell>
      {canRemind ? (
        <TableCell>
          <Button
            size="sm"
            variant="outline"
            disabled={!receipt.hasAccount || remind.isPending}
            onClick={() => remind.mutate({ assetId: receipt.assetId })}
          >
            <BellRing aria-hidden /> Remind now
            <span className="sr-only">
              {" "}
              {receipt.employeeName} about {receipt.tag}
            </span>
          </Button>
        </TableCell>
      ) : null}
    </TableRow>
  );
}
