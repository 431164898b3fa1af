"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Archive, ChevronLeft, Pencil } from "lucide-react";
import Link from "next/link";
import { type ReactNode, useState } from "react";
import { FormDialog } from "@/app/_components/form-dialog";
import { DateTime } from "@/app/_components/time-zone";
import { Timeline } from "@/app/_components/timeline";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { PageHeader } from "@/app/_components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { mutationMessages } from "@/app/_lib/form-errors";
import { formatDay } from "@/app/_lib/format";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import type { LicenseDetail, LicenseHolder } from "@/server/licenses/schemas";
import { formatMoney } from "@/server/money";
import { ExpiryCell, SeatBar } from "../license-badges";
import { LicenseFormDialog } from "../license-form-dialog";
import { RevokeLicenseDialog } from "../revoke-license-dialog";
import { AssignSeat } from "./assign-seat";

type Dialog = { kind: "edit" } | { kind: "archive" } | { kind: "revoke"; holder: LicenseHolder } | null;

/** One licence: its facts, who holds a seat (assign, revoke), who held one, and its history. */
export function LicenseDetailView({ licenseId, canManage }: { licenseId: string; canManage: boolean }) {
  const trpc = useTRPC();
  const { data: license } = useSuspenseQuery(trpc.licenses.get.queryOptions({ licenseId }));
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const editable = canManage && !license.archived;
  const facts: Array<[string, ReactNode]> = [
    ["Vendor", license.vendor ?? "—"],
    ["Seats", license.seats === null ? "Unlimited" : license.seats],
    ["Free seats", license.seatsFree === null ? "Unlimited" : license.seatsFree],
    ["Cost per seat", formatMoney(license.costPerSeat, license.currency)],
    ["Purchased on", formatDay(license.purchasedOn)],
    ["Expires", <ExpiryCell key="expires" expiresOn={license.expiresOn} />],
  ];

  return (
    <div className="grid gap-6">
      <Link
        href="/licenses"
        className="inline-flex w-fit items-center gap-1 rounded-sm text-sm text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
      >
        <ChevronLeft aria-hidden className="size-4" /> Licences
      </Link>
      <PageHeader
        title={license.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            {license.archived ? <Badge variant="secondary">Archived</Badge> : null}
            <SeatBar used={license.seatsUsed} seats={license.seats} name={license.name} />
            <span>seats in use</span>
          </span>
        }
        actions={
          editable ? (
            <>
              <Button variant="outline" onClick={() => setDialog({ kind: "edit" })}>
                <Pencil aria-hidden /> Edit
              </Button>
              <Button variant="outline" onClick={() => setDialog({ kind: "archive" })}>
                <Archive aria-hidden /> Archive
              </Button>
            </>
          ) : null
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <Card>
          <CardHeader>
            <CardTitle>Details</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              {facts.map(([term, value]) => (
                <div key={term} className="contents">
                  <dt className="text-muted-foreground">{term}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
            {license.notes ? <p className="whitespace-pre-wrap text-sm">{license.notes}</p> : null}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Holders</CardTitle>
            <CardDescription>
              {license.active.length === 0
                ? "Nobody holds a seat."
                : `${license.active.length} ${license.active.length === 1 ? "person holds" : "people hold"} a seat.`}
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            {editable ? <AssignSeat license={license} /> : null}
            {license.active.length > 0 ? (
              <HolderTable
                label={`Holders of ${license.name}`}
                holders={license.active}
                onRevoke={editable ? (holder) => setDialog({ kind: "revoke", holder }) : undefined}
              />
            ) : null}
          </CardContent>
        </Card>
      </div>
      {license.past.length > 0 ? (
        <Card>
          <CardHeader>
            <CardTitle>Past holders</CardTitle>
          </CardHeader>
          <CardContent>
            <HolderTable label={`Past holders of ${license.name}`} holders={license.past} />
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>History</CardTitle>
        </CardHeader>
        <CardContent>
          <Timeline entityType="license" entityId={license.id} label={`History of ${license.name}`} />
        </CardContent>
      </Card>
      {dialog?.kind === "edit" ? (
        <LicenseFormDialog
          currency={license.currency}
          license={{ id: license.id, values: formValuesOf(license) }}
          onClose={close}
        />
      ) : null}
      {dialog?.kind === "archive" ? <ArchiveDialog license={license} onClose={close} /> : null}
      {dialog?.kind === "revoke" ? (
        <RevokeLicenseDialog license={license} employee={dialog.holder.employee} onClose={close} />
      ) : null}
    </div>
  );
}

const formValuesOf = (license: LicenseDetail) => ({
  name: license.name,
  vendor: license.vendor ?? "",
  seats: license.seats === null ? "" : String(license.seats),
  costPerSeat: license.costPerSeat === null ? "" : license.costPerSeat.toFixed(2),
  purchasedOn: license.purchasedOn ?? "",
  expiresOn: license.expiresOn ?? "",
  notes: license.notes,
});

function HolderTable({
  label,
  holders,
  onRevoke,
}: {
  label: string;
  holders: LicenseHolder[];
  onRevoke?: (holder: LicenseHolder) => void;
}) {
  const past = holders.some((holder) => holder.revokedAt);
  return (
    <Table stickyFirstColumn aria-label={label}>
      <TableHeader>
        <TableRow>
          <TableHead>Employee</TableHead>
          <TableHead>Assigned</TableHead>
          {past ? <TableHead>Revoked</TableHead> : null}
          {past ? <TableHead>Reason</TableHead> : null}
          {onRevoke ? (
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          ) : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {holders.map((holder) => (
          <TableRow key={holder.assignmentId}>
            <TableCell>
              <Link
                href={`/employees/${holder.employee.id}`}
                className="rounded-sm font-medium underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
              >
                {holder.employee.name}
              </Link>
              {holder.employee.terminated ? (
                <Badge variant="warning" className="ml-2">
                  Left
                </Badge>
              ) : null}
            </TableCell>
            <TableCell>
              <DateTime value={holder.assignedAt} date />
              {holder.assignedBy ? (
                <span className="block text-xs text-muted-foreground">by {holder.assignedBy}</span>
              ) : null}
            </TableCell>
            {past ? (
              <TableCell>
                <DateTime value={holder.revokedAt} date />
                {holder.revokedBy ? (
                  <span className="block text-xs text-muted-foreground">by {holder.revokedBy}</span>
                ) : null}
              </TableCell>
            ) : null}
            {past ? <TableCell className="whitespace-normal">{holder.reason}</TableCell> : null}
            {onRevoke ? (
              <TableCell className="text-right">
                <Button variant="outline" size="sm" onClick={() => onRevoke(holder)}>
                  Revoke<span className="sr-only"> {holder.employee.name}'s seat</span>
                </Button>
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ArchiveDialog({ license, onClose }: { license: { id: string; name: string }; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const archive = useMutation(
    trpc.licenses.archive.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.licenses.pathFilter());
        notifySuccess("license-archived", `${license.name} archived`);
        onClose();
      },
    }),
  );
  return (
    <FormDialog
      title={`Archive ${license.name}?`}
      description="It leaves the list and gets no more expiry warnings; its history stays. Revoke every seat first."
      submitLabel="Archive"
      destructive
      pending={archive.isPending}
      error={mutationMessages(archive.error, []).form}
      onClose={onClose}
      onSubmit={() => archive.mutate({ licenseId: license.id })}
    />
  );
}
