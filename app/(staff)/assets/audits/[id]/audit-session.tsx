"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRef } from "react";
import { toast } from "sonner";
import { useTimeZone } from "@/app/_components/time-zone";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/app/_components/ui/alert-dialog";
import { Badge } from "@/app/_components/ui/badge";
import { Button, buttonVariants } from "@/app/_components/ui/button";
import { PageHeader } from "@/app/_components/ui/page-header";
import { StatCard } from "@/app/_components/ui/stat-card";
import { formatCount, formatDateTime } from "@/app/_lib/format";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import { AuditLists } from "./audit-lists";
import { ScanForm } from "./scan-form";

/** One audit: scan box (while open), live counts and lists, and closing with confirmation. */
export function AuditSession({ auditId, canAudit }: { auditId: string; canAudit: boolean }) {
  const trpc = useTRPC();
  const timeZone = useTimeZone();
  const queryClient = useQueryClient();
  const scanField = useRef<HTMLInputElement>(null);
  // Back to scanning after any other control: otherwise the next scan's Enter would press the
  // button that had the focus (such as "Close audit").
  const focusScanField = () => scanField.current?.focus();
  const { data: audit } = useSuspenseQuery({
    ...trpc.assets.audits.get.queryOptions({ auditId }),
    // other people may be scanning the same audit
    refetchInterval: (query) => (query.state.data?.status === "open" ? 5000 : false),
  });
  const close = useMutation(
    trpc.assets.audits.close.mutationOptions({
      onSuccess: (counts) => {
        notifySuccess("audit-closed", `Audit closed: ${counts.found} found, ${counts.missing} missing.`);
        void queryClient.invalidateQueries({ queryKey: trpc.assets.audits.pathKey() });
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  const open = audit.status === "open";
  const { counts } = audit;

  return (
    <div className="grid gap-6">
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            Audit of {audit.location.name}
            <Badge variant={open ? "warning" : "secondary"}>{audit.status}</Badge>
          </span>
        }
        description={`Started ${formatDateTime(audit.startedAt, timeZone)}${audit.startedBy ? ` by ${audit.startedBy}` : ""}${audit.closedAt ? `, closed ${formatDateTime(audit.closedAt, timeZone)}` : ""}.`}
        actions={
          <>
            <Link href="/assets/audits" className={buttonVariants({ variant: "outline" })}>
              All audits
            </Link>
            {open && canAudit ? (
              <AlertDialog>
                <AlertDialogTrigger asChild>
                  <Button variant="destructive">Close audit</Button>
                </AlertDialogTrigger>
                <AlertDialogContent
                  onCloseAutoFocus={(event) => {
                    if (!scanField.current) return;
                    event.preventDefault();
                    focusScanField();
                  }}
                >
                  <AlertDialogHeader>
                    <AlertDialogTitle>Close the audit of {audit.location.name}?</AlertDialogTitle>
                    <AlertDialogDescription>
                      {formatCount(counts.missing)} expected{" "}
                      {counts.missing === 1 ? "asset was" : "assets were"} not scanned and will be reported
                      missing. Found assets get an audit entry in their history. No more scans can be recorded
                      afterwards.
                    </AlertDialogDescription>
                  </AlertDialogHeader>
                  <AlertDialogFooter>
                    <AlertDialogCancel>Keep scanning</AlertDialogCancel>
                    <AlertDialogAction onClick={() => close.mutate({ auditId })}>
                      Close audit
                    </AlertDialogAction>
                  </AlertDialogFooter>
                </AlertDialogContent>
              </AlertDialog>
            ) : null}
          </>
        }
      />
      {open && canAudit ? <ScanForm auditId={auditId} field={scanField} /> : null}
      <section aria-label="Audit counts" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <StatCard label="Expected" value={formatCount(counts.expected)} />
        <StatCard label="Found" value={formatCount(counts.found)} />
        <StatCard
          label="Missing"
          value={formatCount(counts.missing)}
          hint={open ? "Not scanned yet" : "Reported missing"}
        />
        <StatCard label="Unexpected" value={formatCount(counts.unexpected)} hint="Belong elsewhere" />
        <StatCard label="Unknown" value={formatCount(counts.unknown)} hint="No such asset" />
      </section>
      <AuditLists audit={audit} canMove={open && canAudit} onMoved={focusScanField} />
    </div>
  );
}
