"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { FormDialog } from "@/app/_components/form-dialog";
import { useTimeZone } from "@/app/_components/time-zone";
import { DateInput } from "@/app/_components/ui/date-input";
import { FormField } from "@/app/_components/ui/form-field";
import { Textarea } from "@/app/_components/ui/textarea";
import { mutationMessages } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_trpc/client";
import { LIFECYCLE_NOTES_LIMIT } from "@/server/assets/schemas";
import { todayIn } from "@/server/schemas/calendar";
import { useAfterAssetChange } from "./asset-mutation-helpers";

type DialogProps = { asset: { id: string; tag: string }; onClose: () => void };

export function MaintenanceDialog({ asset, onClose }: DialogProps) {
  const trpc = useTRPC();
  // Today in the viewer's calendar; the server bounds the date by the same zone.
  const timeZone = useTimeZone();
  const today = todayIn(timeZone);
  const [performedOn, setPerformedOn] = useState(today);
  const [notes, setNotes] = useState("");
  const done = useAfterAssetChange(onClose);
  const record = useMutation(
    trpc.assets.recordMaintenance.mutationOptions({
      onSuccess: (result) => done(`Maintenance recorded for ${result.tag}`),
    }),
  );
  const errors = mutationMessages(record.error, ["performedOn", "notes"]);

  return (
    <FormDialog
      title={`Record maintenance on ${asset.tag}`}
      description="What was done and when: a battery swap, a reimage, a cleaning."
      submitLabel="Record maintenance"
      pending={record.isPending}
      error={errors.form}
      onClose={onClose}
      onSubmit={() => record.mutate({ assetId: asset.id, performedOn, notes, timeZone })}
    >
      <FormField label="Done on" htmlFor="maintenance-date" required error={errors.field("performedOn")}>
        <DateInput
          id="maintenance-date"
          max={today}
          value={performedOn}
          onChange={(event) => setPerformedOn(event.target.value)}
        />
      </FormField>
      <FormField label="What was done" htmlFor="maintenance-notes" required error={errors.field("notes")}>
        <Textarea
          id="maintenance-notes"
          limit={LIFECYCLE_NOTES_LIMIT}
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
          rows={3}
        />
      </FormField>
    </FormDialog>
  );
}
