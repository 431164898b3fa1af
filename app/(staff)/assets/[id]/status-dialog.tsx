"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormDialog } from "@/app/_components/form-dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { Textarea } from "@/app/_components/ui/textarea";
import { mutationMessages } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_trpc/client";
import type { StatusKind } from "@/server/assets/lifecycle";
import { LIFECYCLE_NOTES_LIMIT } from "@/server/assets/schemas";
import { statusChoices } from "../status-choices";
import { useAfterAssetChange } from "./asset-mutation-helpers";

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
  const errors = mutationMessages(change.error, ["statusId", "notes"]);
  const allowed = new Set<StatusKind>(asset.allowedStatusKinds);

  return (
    <FormDialog
      title={`Change the status of ${asset.tag}`}
      description={`It is ${asset.statusLabel}. Only the statuses it can move to from there are listed.`}
      submitLabel="Change status"
      pending={change.isPending}
      error={errors.form}
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
        error={missing ? "Choose the new status" : errors.field("statusId")}
      >
        <ChoiceSelect
          id="status-new"
          value={statusId}
          onChange={setStatusId}
          placeholder={statuses.isPending ? "Loading statuses…" : "Choose a status"}
          choices={statusChoices((statuses.data ?? []).filter((status) => allowed.has(status.kind)))}
        />
      </FormField>
      <FormField label="Notes" htmlFor="status-notes" error={errors.field("notes")}>
        <Textarea
          id="status-notes"
          limit={LIFECYCLE_NOTES_LIMIT}
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
          rows={2}
        />
      </FormField>
    </FormDialog>
  );
}
