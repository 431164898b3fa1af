"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { FormField } from "@/app/_components/ui/form-field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { Textarea } from "@/app/_components/ui/textarea";
import { useTRPC } from "@/app/_trpc/client";
import { kindLabels, type StatusKind } from "@/server/assets/lifecycle";
import { ActionDialog } from "./action-dialog";
import { errorsOf, useAfterAssetChange } from "./asset-mutation-helpers";

type DialogProps = {
  asset: { id: string; tag: string; statusLabel: string; allowedStatusKinds: StatusKind[] };
  onClose: () => void;
};

/** Offers only the statuses the lifecycle allows from where the asset is now. */
export function StatusDialog({ asset, onClose }: DialogProps) {
  const trpc = useTRPC();
  const statuses = useQuery(trpc.reference.statuses.queryOptions());
  const [statusId, setStatusId] = useState("");
  const [notes, setNotes] = useState("");
  const [missing, setMissing] = useState(false);
  const done = useAfterAssetChange(onClose);
  const change = useMutation(
    trpc.assets.changeStatus.mutationOptions({
      onSuccess: (result) => done(`${result.tag} is now ${result.status}`),
    }),
  );
  const { field, general } = errorsOf(change.error);
  const allowed = new Set<StatusKind>(asset.allowedStatusKinds);
  const options = (statuses.data ?? []).filter(
    (status) => status.kind !== "assigned" && allowed.has(status.kind),
  );

  return (
    <ActionDialog
      title={`Change the status of ${asset.tag}`}
      description={`It is ${asset.statusLabel}. Only the statuses it can move to from there are listed.`}
      submitLabel="Change status"
      pending={change.isPending}
      error={general}
      onClose={onClose}
      onSubmit={() => {
        setMissing(!statusId);
        if (statusId) change.mutate({ assetId: asset.id, statusId, notes: notes.trim() || undefined });
      }}
    >
      <FormField
        label="New status"
        htmlFor="status-new"
        required
        error={missing ? "Choose the new status" : field("statusId")}
      >
        <Select value={statusId} onValueChange={setStatusId}>
          <SelectTrigger id="status-new" className="w-full">
            <SelectValue placeholder={statuses.isPending ? "Loading statuses…" : "Choose a status"} />
          </SelectTrigger>
          <SelectContent>
            {options.map((status) => (
              <SelectItem key={status.id} value={status.id}>
                {status.label}
                {status.label === kindLabels[status.kind]
                  ? ""
                  : ` (${kindLabels[status.kind].toLowerCase()})`}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </FormField>
      <FormField label="Notes" htmlFor="status-notes" error={field("notes")}>
        <Textarea
          id="status-notes"
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
          rows={2}
        />
      </FormField>
    </ActionDialog>
  );
}
