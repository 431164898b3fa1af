"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { PackagePlus, UserX } from "lucide-react";
import { useState } from "react";
import { DateTime } from "@/app/_components/time-zone";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { formatDay } from "@/app/_lib/format";
import { notifySuccess, toastOutcome } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import type { EquipmentRequest } from "@/server/portal/requests/schemas";
import { RequestEquipmentDialog } from "./request-equipment-dialog";
import { RequestStatusBadge } from "./request-status-badge";

/** My requests, newest first, with the button to ask for more. */
export function MyRequests() {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.portal.requests.mine.queryOptions());
  const [asking, setAsking] = useState(false);
  if (!data) return null;
  if (!data.linked) {
    return (
      <Card>
        <CardContent>
          <EmptyState
            icon={<UserX aria-hidden />}
            title="Your account is not linked to an employee record yet"
            description="Requests are made for your employee record, and your account is not linked to one. Ask your IT team to link it (an admin does this from your employee page)."
          />
        </CardContent>
      </Card>
    );
  }
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle>Your requests</CardTitle>
        <Button onClick={() => setAsking(true)}>
          <PackagePlus aria-hidden /> Request equipment
        </Button>
      </CardHeader>
      <CardContent>
        {data.items.length === 0 ? (
          <EmptyState
            icon={<PackagePlus aria-hidden />}
            title="No requests yet"
            description="Need a monitor, a headset or a new laptop? Request it here; IT staff decide, and you are told either way."
          />
        ) : (
          <ul className="grid gap-4">
            {data.items.map((request) => (
              <RequestItem key={request.id} request={request} />
            ))}
          </ul>
        )}
      </CardContent>
      {asking ? (
        <RequestEquipmentDialog
          onClose={() => setAsking(false)}
          onSubmitted={(item) => notifySuccess("request-submitted", `Request for ${item} sent to IT staff`)}
        />
      ) : null}
    </Card>
  );
}

function RequestItem({ request }: { request: EquipmentRequest }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const withdraw = useMutation(
    trpc.portal.requests.withdraw.mutationOptions({
      ...toastOutcome(`Request for ${request.item} withdrawn`, () =>
        queryClient.invalidateQueries(trpc.portal.requests.pathFilter()),
      ),
    }),
  );
  return (
    <li className="grid gap-2 rounded-lg border p-4" aria-label={`Request for ${request.item}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-medium">
          {request.item} <span className="text-muted-foreground">{request.category}</span>
        </h3>
        <RequestStatusBadge status={request.status} />
      </div>
      <dl className="grid grid-cols-[9rem_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-muted-foreground">Asked</dt>
        <dd>
          <DateTime value={request.createdAt} />
        </dd>
        <dt className="text-muted-foreground">Needed by</dt>
        <dd>{request.neededBy ? formatDay(request.neededBy) : "No date"}</dd>
        <dt className="text-muted-foreground">Why</dt>
        <dd className="whitespace-pre-wrap">{request.reason}</dd>
        {request.decidedAt && request.status !== "withdrawn" ? (
          <>
            <dt className="text-muted-foreground">Decided</dt>
            <dd>
              <DateTime value={request.decidedAt} />
              {request.decidedBy ? ` by ${request.decidedBy}` : ""}
            </dd>
          </>
        ) : null}
        {request.decisionReason ? (
          <>
            <dt className="text-muted-foreground">{request.status === "declined" ? "Reason" : "Comment"}</dt>
            <dd className="whitespace-pre-wrap">{request.decisionReason}</dd>
          </>
        ) : null}
        {request.status === "approved" ? (
          <>
            <dt className="text-muted-foreground">Next</dt>
            <dd>{request.workflowId ? "IT staff are ordering it." : "IT staff are starting the order."}</dd>
          </>
        ) : null}
      </dl>
      {request.status === "pending" ? (
        <div>
          <Button
            variant="outline"
            disabled={withdraw.isPending}
            onClick={() => withdraw.mutate({ requestId: request.id })}
          >
            Withdraw request
          </Button>
        </div>
      ) : null}
    </li>
  );
}
