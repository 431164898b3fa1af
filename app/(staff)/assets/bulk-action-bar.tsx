"use client";

import { Archive, ArrowRightLeft, MapPin, Undo2, X } from "lucide-react";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import type { BulkSummary } from "./asset-types";
import { type BulkAction, BulkActionDialog } from "./bulk-action-dialog";

const actions: Array<{ action: BulkAction; label: string; icon: typeof MapPin }> = [
  { action: "move", label: "Move", icon: MapPin },
  { action: "change_status", label: "Change status", icon: ArrowRightLeft },
  { action: "return", label: "Return", icon: Undo2 },
  { action: "retire", label: "Retire", icon: Archive },
];

type BulkActionBarProps = {
  selection: ReadonlyMap<string, string>;
  onClear: () => void;
  onDone: (summary: BulkSummary, action: BulkAction) => void;
};

/** Shown while assets are selected (on this page or others): the actions that apply to all of them. */
export function BulkActionBar({ selection, onClear, onDone }: BulkActionBarProps) {
  const [open, setOpen] = useState<BulkAction | null>(null);
  const count = selection.size;
  return (
    <section
      aria-label="Bulk actions"
      className="sticky top-2 z-10 flex flex-wrap items-center gap-2 rounded-lg border bg-card px-3 py-2 shadow-sm"
    >
      <p className="mr-2 text-sm font-medium" aria-live="polite">
        {count} {count === 1 ? "asset" : "assets"} selected
      </p>
      {actions.map(({ action, label, icon: Icon }) => (
        <Button key={action} variant="outline" size="sm" onClick={() => setOpen(action)}>
          <Icon aria-hidden /> {label}…
        </Button>
      ))}
      <Button variant="ghost" size="sm" className="ml-auto" onClick={onClear}>
        <X aria-hidden /> Clear selection
      </Button>
      {open ? (
        <BulkActionDialog
          action={open}
          assetIds={[...selection.keys()]}
          onClose={() => setOpen(null)}
          onDone={(summary, action) => {
            setOpen(null);
            onDone(summary, action);
          }}
        />
      ) : null}
    </section>
  );
}
