"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormDialog } from "@/app/_components/form-dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { Textarea } from "@/app/_components/ui/textarea";
import { mutationMessages } from "@/app/_lib/form-errors";
import { locationOptions } from "@/app/_lib/location-labels";
import { useTRPC } from "@/app/_trpc/client";
import { LIFECYCLE_NOTES_LIMIT } from "@/server/assets/schemas";
import {
  conditionChoices,
  destinationChoices,
  type ReturnCondition,
  type ReturnDestination,
} from "../conditions";
import { useAfterAssetChange } from "./asset-mutation-helpers";

type DialogProps = { asset: { id: string; tag: string; holder: string }; onClose: () => void };

export function ReturnDialog({ asset, onClose }: DialogProps) {
  const trpc = useTRPC();
  const [condition, setCondition] = useState<ReturnCondition>("good");
  const [toKind, setToKind] = useState<ReturnDestination>("in_stock");
  const [locationId, setLocationId] = useState("");
  const [notes, setNotes] = useState("");
  const locations = useQuery(trpc.reference.locations.queryOptions());
  const done = useAfterAssetChange(onClose);
  const giveBack = useMutation(
    trpc.assets.return.mutationOptions({
      onSuccess: (result) => done(`${result.tag} returned: ${result.status}`),
    }),
  );
  const errors = mutationMessages(giveBack.error, ["condition", "locationId", "notes"]);

  return (
    <FormDialog
      title={`Return ${asset.tag}`}
      description={`${asset.holder} hands it back. Record its condition and where it goes next.`}
      submitLabel="Record return"
      pending={giveBack.isPending}
      error={errors.form}
      onClose={onClose}
      onSubmit={() =>
        giveBack.mutate({
          assetId: asset.id,
          condition,
          toKind,
          locationId: locationId || undefined,
          notes: notes.trim() || undefined,
        })
      }
    >
      <FormField label="Condition" htmlFor="return-condition" error={errors.field("condition")}>
        <ChoiceSelect
          id="return-condition"
          value={condition}
          onChange={(value) => {
            setCondition(value as ReturnCondition);
            if (value === "damaged" || value === "broken") setToKind("in_repair");
          }}
          choices={conditionChoices}
        />
      </FormField>
      <FormField label="Goes to" htmlFor="return-to">
        <ChoiceSelect
          id="return-to"
          value={toKind}
          onChange={(value) => setToKind(value as ReturnDestination)}
          choices={destinationChoices}
        />
      </FormField>
      <FormField label="Location" htmlFor="return-location" error={errors.field("locationId")}>
        <ChoiceSelect
          id="return-location"
          value={locationId}
          onChange={setLocationId}
          empty="Keep its current location"
          choices={locationOptions(locations.data ?? [])}
        />
      </FormField>
      <FormField label="Notes" htmlFor="return-notes" error={errors.field("notes")}>
        <Textarea
          id="return-notes"
          limit={LIFECYCLE_NOTES_LIMIT}
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
          rows={2}
        />
      </FormField>
    </FormDialog>
  );
}
