"use client";

import { useQuery } from "@tanstack/react-query";
import { FileText, Laptop, TriangleAlert, UserX } from "lucide-react";
import { useState } from "react";
import { DateTime } from "@/app/_components/time-zone";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { formatDay } from "@/app/_lib/format";
import { useTRPC } from "@/app/_trpc/client";
import type { MyHeldAsset } from "@/server/portal/schemas";
import { AcceptReceiptDialog } from "./accept-receipt-dialog";
import { DeclineReceiptDialog, ReportProblemDialog } from "./asset-dialogs";

type Open = { action: "accept" | "decline" | "report"; asset: MyHeldAsset } | null;

/** What I hold, and what I can do about each: answer its receipt, download it, report a problem. */
export function MyEquipment() {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.portal.myEquipment.queryOptions());
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  if (!data) return null;
  if (!data.employee) return <NotLinked />;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Equipment you hold</CardTitle>
      </CardHeader>
      <CardContent>
        {data.assets.length === 0 ? (
          <EmptyState
            icon={<Laptop aria-hidden />}
            title="Nothing assigned to you"
            description="When IT assigns you a device it appears here, and you can acknowledge receipt or report a problem."
          />
        ) : (
          <ul className="grid gap-4">
            {data.assets.map((asset) => (
              <HeldAssetItem key={asset.id} asset={asset} onAction={(action) => setOpen({ action, asset })} />
            ))}
          </ul>
        )}
      </CardContent>
      {open?.action === "accept" ? <AcceptReceiptDialog assetId={open.asset.id} onClose={close} /> : null}
      {open?.action === "decline" ? <DeclineReceiptDialog asset={open.asset} onClose={close} /> : null}
      {open?.action === "report" ? <ReportProblemDialog asset={open.asset} onClose={close} /> : null}
    </Card>
  );
}

function NotLinked() {
  return (
    <Card>
      <CardContent>
        <EmptyState
          icon={<UserX aria-hidden />}
          title="Your account is not linked to an employee record yet"
          description="The portal shows the equipment recorded against your employee record, and your account is not linked to one. Ask your IT team to link it (an admin does this from your employee page); your equipment appears here as soon as they do."
        />
      </CardContent>
    </Card>
  );
}

function ReceiptBadge({ asset }: { asset: MyHeldAsset }) {
  if (asset.receiptStatus === "accepted") return <Badge variant="success">Receipt signed</Badge>;
  if (asset.receiptStatus === "declined") return <Badge variant="destructive">You declined it</Badge>;
  if (asset.canAnswerReceipt) return <Badge variant="warning">Waiting for your acceptance</Badge>;
  return null;
}

function HeldAssetItem({
  asset,
  onAction,
}: {
  asset: MyHeldAsset;
  onAction: (action: "accept" | "decline" | "report") => void;
}) {
  return (
    <li className="grid gap-3 rounded-lg border p-4" aria-label={`${asset.name} (${asset.tag})`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-medium">
          {asset.name} <span className="text-muted-foreground">{asset.tag}</span>
        </h3>
        <ReceiptBadge asset={asset} />
      </div>
      <dl className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-muted-foreground">Category</dt>
        <dd>
          {asset.category}
          {asset.model ? `, ${asset.model}` : ""}
        </dd>
        <dt className="text-muted-foreground">Serial number</dt>
        <dd>{asset.serial ?? "—"}</dd>
        <dt className="text-muted-foreground">Status</dt>
        <dd>{asset.status}</dd>
        <dt className="text-muted-foreground">Yours since</dt>
        <dd>
          <DateTime value={asset.since} date />
        </dd>
        <dt className="text-muted-foreground">Expected return</dt>
        <dd>{asset.expectedReturnAt ? formatDay(asset.expectedReturnAt) : "No return date"}</dd>
      </dl>
      <div className="flex flex-wrap gap-2">
        {asset.canAnswerReceipt ? (
          <>
            <Button onClick={() => onAction("accept")}>Accept</Button>
            <Button variant="outline" onClick={() => onAction("decline")}>
              Decline
            </Button>
          </>
        ) : null}
        {asset.receiptStatus === "accepted" ? (
          <Button variant="outline" asChild>
            <a href={`/api/portal/receipts/${asset.id}`} target="_blank" rel="noopener">
              <FileText aria-hidden /> Signed receipt (PDF)
            </a>
          </Button>
        ) : null}
        <Button variant="outline" onClick={() => onAction("report")}>
          <TriangleAlert aria-hidden /> Report a problem
        </Button>
      </div>
    </li>
  );
}
