"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { Textarea } from "@/app/_components/ui/textarea";
import { useTRPC } from "@/app/_trpc/client";
import { ActionDialog } from "./action-dialog";
import { errorsOf, useAfterAssetChange } from "./asset-mutation-helpers";

type DialogProps = { asset: { id: string; tag: string }; onClose: () => void };

/** Today in the viewer's calendar, as the date input wants it. */
const today = () => {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
};

export function MaintenanceDialog({ asset, onClose }: DialogProps) {
  const trpc = useTRPC();
  const [performedOn, setPerformedOn] = useState(today);
  const [notes, setNotes] = useState("");
  const done = useAfterAssetChange(onClose);
  const record = useMutation(
    trpc.assets.recordMaintenance.mutationOptions({
      onSuccess: (result) => done(`Maintenance recorded for ${result.tag}`),
    }),
  );
  const { field, general } = errorsOf(record.error);

  return (
    <ActionDialog
      title={`Record maintenance on ${asset.tag}`}
      description="What was done and when: a battery swap, a reimage, a cleaning."
      submitLabel="Record maintenance"
      pending={record.isPending}
      error={general}
      onClose={onClose}
      onSubmit={() => record.mutate({ assetId: asset.id, performedOn, notes })}
    >
      <FormField label="Done on" htmlFor="maintenance-date" required error={field("performedOn")}>
        <Input
          id="maintenance-date"
          type="date"
          max={today()}
          value={performedOn}
          onChange={(event) => setPerformedOn(event.target.value)}
        />
      </FormField>
      <FormField label="What was done" htmlFor="maintenance-notes" required error={field("notes")}>
        <Textarea
          id="maintenance-notes"
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
          rows={3}
        />
      </FormField>
    </ActionDialog>
  );
}
