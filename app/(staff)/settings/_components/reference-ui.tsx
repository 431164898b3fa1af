"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useDeferredValue, useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/app/_components/ui/badge";
import { Checkbox } from "@/app/_components/ui/checkbox";
import { Label } from "@/app/_components/ui/label";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import type { RowAction } from "./row-actions";

/** After any reference change, every reference list (pickers included) is stale. */
export function useRefreshReference() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.reference.pathKey() });
}

/**
 * Once a reference change is saved: refreshes every reference list, then confirms it, so what the
 * next screen shows already includes it. A refusal still rejects, for the dialog that asked to
 * show (useSubmission).
 */
export function useReferenceChange() {
  const refresh = useRefreshReference();
  return async <T,>(change: Promise<T>, message: string | ((saved: T) => string)): Promise<T> => {
    const saved = await change;
    await refresh();
    notifySuccess("reference-saved", typeof message === "function" ? message(saved) : message);
    return saved;
  };
}

type Archivable = { id: string; archivedAt: Date | null };
type IdProcedure = { mutate: (input: { id: string }) => Promise<unknown> };

/**
 * The "Archive" / "Unarchive" row action of a reference record. A refusal ("it is the default
 * status") has no dialog to land in, so it is a toast.
 */
function useArchiveAction(
  procedures: { archive: IdProcedure; unarchive: IdProcedure },
  messages: { archived: string; restored: string },
) {
  const refresh = useRefreshReference();
  const toggle = useMutation({
    mutationFn: (row: Archivable) =>
      (row.archivedAt ? procedures.unarchive : procedures.archive).mutate({ id: row.id }),
    onSuccess: (_, row) => {
      notifySuccess("reference-archived", row.archivedAt ? messages.restored : messages.archived);
      void refresh();
    },
    onError: (error) => toast.error(error.message),
  });
  return (row: Archivable, options: { hidden?: boolean } = {}): RowAction => ({
    label: row.archivedAt ? "Unarchive" : "Archive",
    hidden: options.hidden,
    onSelect: () => toggle.mutate({ id: row.id, archivedAt: row.archivedAt }),
  });
}

/**
 * Whether a card lists archived records too. The checkbox ticks at once (`checked`); the list
 * follows a deferred copy (`showArchived`), so switching refetches without hiding the list, and a
 * failed refetch still reaches the page's error boundary.
 */
function useArchivedFilter() {
  const [checked, setShowArchived] = useState(false);
  return { checked, showArchived: useDeferredValue(checked), setShowArchived };
}

/**
 * What every reference card needs besides its own list: the "Show archived" filter, saving with
 * feedback, and the archive row action for its records.
 */
export function useReferenceCard(
  procedures: { archive: IdProcedure; unarchive: IdProcedure },
  messages: { archived: string; restored: string },
) {
  return {
    archived: useArchivedFilter(),
    change: useReferenceChange(),
    archiveAction: useArchiveAction(procedures, messages),
  };
}

export function ShowArchivedToggle({
  id,
  checked,
  onChange,
}: {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className="flex items-center gap-2">
      <Checkbox id={id} checked={checked} onCheckedChange={(value) => onChange(value === true)} />
      <Label htmlFor={id} className="font-normal text-sm">
        Show archived
      </Label>
    </div>
  );
}

export function ArchivedBadge({ archivedAt }: { archivedAt: Date | null }) {
  return archivedAt ? <Badge variant="secondary">Archived</Badge> : null;
}

export const countLabel = (count: number, one: string, many: string) =>
  `${count} ${count === 1 ? one : many}`;
