"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Inbox } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormDialog } from "@/app/_components/form-dialog";
import { Pagination } from "@/app/_components/pagination";
import { DateTime } from "@/app/_components/time-zone";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { FormField } from "@/app/_components/ui/form-field";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { Textarea } from "@/app/_components/ui/textarea";
import { mutationMessages } from "@/app/_lib/form-errors";
import { formatDay } from "@/app/_lib/format";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import { RequestStatusBadge } from "@/app/(portal)/portal/requests/request-status-badge";
import {
  DECISION_REASON_MAX,
  type EquipmentRequest,
  REQUESTS_PAGE_SIZE,
  type RequestStatus,
} from "@/server/portal/requests/schemas";

const statusChoices: Array<{ value: RequestStatus; label: string }> = [
  { value: "pending", label: "Waiting for a decision" },
  { value: "approved", label: "Approved" },
  { value: "declined", label: "Declined" },
  { value: "withdrawn", label: "Withdrawn" },
];

type Decision = { action: "approve" | "decline"; request: EquipmentRequest } | null;

/** The requests, pending first (oldest first), with approve and decline for those who may decide. */
export function RequestQueue({ canDecide }: { canDecide: boolean }) {
  const trpc = useTRPC();
  const [status, setStatus] = useState<RequestStatus | "">("");
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState<Decision>(null);
  const query = useQuery(trpc.portal.requests.list.queryOptions({ status: status || undefined, page }));
  const data = query.data;
  return (
    <Card>
      <CardContent className="grid gap-4">
        <div className="flex flex-wrap items-end gap-4">
          <FormField label="Status" htmlFor="request-status-filter" className="w-64">
            <ChoiceSelect
              id="request-status-filter"
              value={status}
              empty="All requests"
              onChange={(value) => {
                setStatus(value as RequestStatus | "");
                setPage(1);
              }}
              choices={statusChoices}
            />
          </FormField>
          {data ? (
            <p className="text-sm text-muted-foreground" aria-live="polite">
              {data.pending === 1 ? "1 request waits" : `${data.pending} requests wait`} for a decision.
            </p>
          ) : null}
        </div>
        {query.isError ? (
          <p role="alert" className="text-sm text-destructive">
            {query.error.message}
          </p>
        ) : !data ? (
          <Skeleton className="h-24" role="status" aria-label="Loading requests" />
        ) : data.items.length === 0 ? (
          <EmptyState
            icon={<Inbox aria-hidden />}
            title={status ? "No requests with this status" : "No equipment requests yet"}
            description="Employees ask for equipment from the portal's “Request equipment” page; their requests land here."
          />
        ) : (
          <>
            <Table stickyFirstColumn aria-label="Equipment requests">
              <TableHeader>
                <TableRow>
                  <TableHead>Employee</TableHead>
                  <TableHead>Asks for</TableHead>
                  <TableHead>Why</TableHead>
                  <TableHead>Needed by</TableHead>
                  <TableHead>Asked</TableHead>
                  <TableHead>Status</TableHead>
                  {canDecide ? <TableHead>Decide</TableHead> : null}
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.items.map((request) => (
                  <TableRow key={request.id}>
                    <TableCell>
                      <Link
                        href={`/employees/${request.employeeId}`}
                        className="rounded-sm underline-offset-4 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-ring"
                      >
                        {request.employeeName}
                      </Link>
                    </TableCell>
                    <TableCell className="whitespace-normal">
                      <span className="font-medium">{request.item}</span>
                      <span className="block text-xs text-muted-foreground">{request.category}</span>
                    </TableCell>
                    <TableCell className="max-w-sm whitespace-normal">
                      {request.reason}
                      {request.decisionReason ? (
                        <span className="block text-xs text-muted-foreground">
                          {request.status === "declined" ? "Declined: " : "Comment: "}
                          {request.decisionReason}
                          {request.decidedBy ? ` (${request.decidedBy})` : ""}
                        </span>
                      ) : null}
                    </TableCell>
                    <TableCell>{request.neededBy ? formatDay(request.neededBy) : "—"}</TableCell>
                    <TableCell>
                      <DateTime value={request.createdAt} />
                    </TableCell>
                    <TableCell>
                      <RequestStatusBadge status={request.status} />
                      {request.workflowId ? (
                        <Link
                          href={`/workflows/${request.workflowId}`}
                          className="block text-xs underline-offset-4 hover:underline"
                        >
                          Procurement workflow
                        </Link>
                      ) : null}
                    </TableCell>
                    {canDecide ? (
                      <TableCell>
                        {request.status === "pending" ? (
                          <div className="flex gap-2">
                            <Button size="sm" onClick={() => setDeciding({ action: "approve", request })}>
                              Approve
                            </Button>
                            <Button
                              size="sm"
                              variant="outline"
                              onClick={() => setDeciding({ action: "decline", request })}
                            >
                              Decline
                            </Button>
                          </div>
                        ) : null}
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <Pagination
              page={page}
              pageSize={REQUESTS_PAGE_SIZE}
              shown={data.items.length}
              total={data.total}
              totalIsCapped={false}
              noun="requests"
              onPageChange={setPage}
            />
          </>
        )}
      </CardContent>
      {deciding ? (
        <DecideDialog action={deciding.action} request={deciding.request} onClose={() => setDeciding(null)} />
      ) : null}
    </Card>
  );
}

function DecideDialog({
  action,
  request,
  onClose,
}: {
  action: "approve" | "decline";
  request: EquipmentRequest;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  const options = {
    onSuccess: () => {
      void queryClient.invalidateQueries(trpc.portal.requests.pathFilter());
      notifySuccess(
        `request-${action}`,
        action === "approve"
          ? `Approved ${request.item} for ${request.employeeName}; a procurement workflow starts`
          : `Declined ${request.item} for ${request.employeeName}`,
      );
      onClose();
    },
  };
  const approve = useMutation(trpc.portal.requests.approve.mutationOptions(options));
  const decline = useMutation(trpc.portal.requests.decline.mutationOptions(options));
  const mutation = action === "approve" ? approve : decline;
  const field = action === "approve" ? "comment" : "reason";
  const errors = mutationMessages(mutation.error, [field]);
  return (
    <FormDialog
      title={`${action === "approve" ? "Approve" : "Decline"} ${request.item} for ${request.employeeName}`}
      description={
        action === "approve"
          ? "A procurement workflow starts (approve the purchase, order, receive and tag), and the employee is told."
          : "The employee reads your reason in the portal and in their notification."
      }
      submitLabel={action === "approve" ? "Approve" : "Decline"}
      destructive={action === "decline"}
      pending={mutation.isPending}
      error={errors.form}
      onClose={onClose}
      onSubmit={() =>
        action === "approve"
          ? approve.mutate({ requestId: request.id, comment: text })
          : decline.mutate({ requestId: request.id, reason: text })
      }
    >
      <FormField
        label={action === "approve" ? "Comment (optional)" : "Reason"}
        htmlFor="decision-text"
        required={action === "decline"}
        error={errors.field(field)}
      >
        <Textarea
          id="decision-text"
          rows={3}
          limit={DECISION_REASON_MAX}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </FormField>
    </FormDialog>
  );
}
