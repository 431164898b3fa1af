"use client";

import { ArrowRightLeft, PencilLine, UserMinus, UserPlus, Users, Wrench } from "lucide-react";
import Link from "next/link";
import { type ReactNode, useId, useState } from "react";
import { Button, buttonVariants } from "@/app/_components/ui/button";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/app/_components/ui/tooltip";
import type { AssetDetail } from "../asset-types";
import { AssignDialog } from "./assign-dialog";
import { MaintenanceDialog } from "./maintenance-dialog";
import { ReturnDialog } from "./return-dialog";
import { StatusDialog } from "./status-dialog";
import { TransferDialog } from "./transfer-dialog";

type Action = "assign" | "return" | "transfer" | "status" | "maintenance";

/**
 * A button for each lifecycle action. One the asset's state rules out stays visible but
 * aria-disabled (still focusable), with the reason as its description and tooltip.
 */
function ActionButton({
  icon,
  label,
  blockedBecause,
  onClick,
}: {
  icon: ReactNode;
  label: string;
  blockedBecause: string | null;
  onClick: () => void;
}) {
  const reasonId = useId();
  const button = (
    <Button
      variant="outline"
      aria-disabled={blockedBecause ? true : undefined}
      aria-describedby={blockedBecause ? reasonId : undefined}
      className={blockedBecause ? "cursor-not-allowed opacity-50" : undefined}
      onClick={blockedBecause ? undefined : onClick}
    >
      {icon} {label}
    </Button>
  );
  if (!blockedBecause) return button;
  return (
    <>
      <Tooltip>
        <TooltipTrigger asChild>{button}</TooltipTrigger>
        <TooltipContent>{blockedBecause}</TooltipContent>
      </Tooltip>
      <span id={reasonId} className="sr-only">
        {blockedBecause}
      </span>
    </>
  );
}

export function AssetActions({ asset }: { asset: AssetDetail }) {
  const [open, setOpen] = useState<Action | null>(null);
  const close = () => setOpen(null);
  const kind = asset.status.kind;
  const holder = asset.employee?.name ?? "The holder";
  const is = `${asset.tag} is ${asset.status.label.toLowerCase()}`;
  const statusTargets = asset.allowedStatusKinds.filter((target) => target !== "assigned");

  return (
    <section className="flex flex-wrap gap-2" aria-label="Asset actions">
      <ActionButton
        icon={<UserPlus aria-hidden />}
        label="Assign"
        blockedBecause={
          kind === "in_stock"
            ? null
            : kind === "assigned"
              ? `${is}; return or transfer it instead.`
              : `${is}; only in-stock assets can be assigned.`
        }
        onClick={() => setOpen("assign")}
      />
      <ActionButton
        icon={<UserMinus aria-hidden />}
        label="Return"
        blockedBecause={kind === "assigned" ? null : `${is}; only assigned assets can be returned.`}
        onClick={() => setOpen("return")}
      />
      <ActionButton
        icon={<Users aria-hidden />}
        label="Transfer"
        blockedBecause={kind === "assigned" ? null : `${is}; only assigned assets can be transferred.`}
        onClick={() => setOpen("transfer")}
      />
      <ActionButton
        icon={<ArrowRightLeft aria-hidden />}
        label="Change status"
        blockedBecause={statusTargets.length ? null : `${is}; its status can no longer change.`}
        onClick={() => setOpen("status")}
      />
      <ActionButton
        icon={<Wrench aria-hidden />}
        label="Record maintenance"
        blockedBecause={kind === "disposed" ? `${is}; it cannot be maintained.` : null}
        onClick={() => setOpen("maintenance")}
      />
      <Link href={`/assets/${asset.id}/edit`} className={buttonVariants({ variant: "outline" })}>
        <PencilLine aria-hidden /> Edit
      </Link>
      {open === "assign" ? <AssignDialog asset={asset} onClose={close} /> : null}
      {open === "return" ? <ReturnDialog asset={{ ...asset, holder }} onClose={close} /> : null}
      {open === "transfer" ? <TransferDialog asset={{ ...asset, holder }} onClose={close} /> : null}
      {open === "status" ? (
        <StatusDialog
          asset={{ ...asset, statusLabel: asset.status.label, allowedStatusKinds: statusTargets }}
          onClose={close}
        />
      ) : null}
      {open === "maintenance" ? <MaintenanceDialog asset={asset} onClose={close} /> : null}
    </section>
  );
}
