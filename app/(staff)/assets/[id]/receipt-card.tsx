"use client";

import { useQuery } from "@tanstack/react-query";
import { FileText } from "lucide-react";
import { DateTime } from "@/app/_components/time-zone";
import { Badge } from "@/app/_components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { useTRPC } from "@/app/_trpc/client";

/**
 * Whether the holder has acknowledged receipt of the asset: pending (the portal is asking them),
 * accepted (who signed, when, how, from where, under which terms, with the signed PDF) or declined
 * (and why, for IT staff to follow up).
 */
export function ReceiptCard({ assetId }: { assetId: string }) {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.portal.receiptOf.queryOptions({ assetId }));
  if (!data || data.state === "unassigned") return null;
  const receipt = data.receipt;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          Receipt{" "}
          {data.state === "accepted" ? (
            <Badge variant="success">Accepted</Badge>
          ) : data.state === "declined" ? (
            <Badge variant="destructive">Declined</Badge>
          ) : (
            <Badge variant="warning">Pending</Badge>
          )}
        </CardTitle>
        {data.state === "pending" ? (
          <CardDescription>
            {data.holder} has not acknowledged receipt yet; the portal asks them to accept it.
          </CardDescription>
        ) : null}
      </CardHeader>
      {receipt ? (
        <CardContent className="grid gap-1 text-sm">
          {data.state === "accepted" ? (
            <>
              <span>
                Signed by {receipt.signerName} (
                {receipt.signatureMethod === "drawn" ? "drawn signature" : "typed name"}) on{" "}
                <DateTime value={receipt.decidedAt} />
              </span>
              <span className="text-muted-foreground">
                Terms version {receipt.termsVersion}, from {receipt.ipAddress}
              </span>
              {receipt.fileId ? (
                <a
                  href={`/api/files/${receipt.fileId}/preview`}
                  target="_blank"
                  rel="noopener"
                  className="inline-flex items-center gap-1 font-medium underline-offset-4 hover:underline"
                >
                  <FileText aria-hidden className="size-4" /> Signed receipt (PDF)
                </a>
              ) : null}
            </>
          ) : (
            <>
              <span>
                Declined by {data.holder} on <DateTime value={receipt.decidedAt} />
              </span>
              <span className="text-muted-foreground">Reason: {receipt.declineReason}</span>
            </>
          )}
        </CardContent>
      ) : null}
    </Card>
  );
}
