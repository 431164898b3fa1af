"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { FormField } from "@/app/_components/ui/form-field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { Textarea } from "@/app/_components/ui/textarea";
import { locationOptions } from "@/app/_lib/location-labels";
import { useTRPC } from "@/app/_trpc/client";
import { conditionLabels, returnConditions } from "../conditions";
import { ActionDialog } from "./action-dialog";
import { errorsOf, useAfterAssetChange } from "./asset-mutation-helpers";

type DialogProps = { asset: { id: string; tag: string; holder: string }; onClose: () => void };
type Condition = (typeof returnConditions)[number];
const SAME = "same";

export function ReturnDialog({ asset, onClose }: DialogProps) {
  const trpc = useTRPC();
  const [condition, setCondition] = useState<Condition>("good");
  const [toKind, setToKind] = useState<"in_stock" | "in_repair">("in_stock");
  const [locationId, setLocationId] = useState(SAME);
  const [notes, setNotes] = useState("");
  const locations = useQuery(trpc.reference.locations.queryOptions());
  const done = useAfterAssetChange(onClose);
  const giveBack = useMutation(
    trpc.assets.return.mutationOptions({
      onSuccess: (result) => done(`${result.tag} returned: ${result.status}`),
    }),
  );
  const { field, general } = errorsOf(giveBack.error);

  return (
    <ActionDialog
      title={`Return ${asset.tag}`}
      description={`${asset.holder} hands it back. Record its condition and where it goes next.`}
      submitLabel="Record return"
      pending={giveBack.isPending}
      error={general}
      onClose={onClose}
      onSubmit={() =>
        giveBack.mutate({
          assetId: asset.id,
          condition,
          toKind,
          locationId: locationId === SAME ? undefined : locationId,
          notes: notes.trim() || undefined,
        })
      }
    >
      <FormField label="Condition" htmlFor="return-condition" error={field("condition")}>
        <Select
          value={condition}
          onValueChange={(value) => {
            setCondition(value as Condition);
            if (value === "damaged" || value === "broken") setToKind("in_repair");
          }}
        >
          <SelectTrigger id="return-condition" className="w-full">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {returnConditions.map((value) => (
              <SelectItem key={value} value={value}>
                {conditionLabels[value]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </FormField>
      <FormField label="Goes to" htmlFor="return-to">
        <Select value={toKind} onValueChange={(value) => setToKind(value as typeof toKind)}>
          <SelectTrigger id="return-to" className="w-full">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="in_stock">Stock</SelectItem>
            <SelectItem value="in_repair">Repair</SelectItem>
          </SelectContent>
        </Select>
      </FormField>
      <FormField label="Location" htmlFor="return-location" error={field("locationId")}>
        <Select value={locationId} onValueChange={setLocationId}>
          <SelectTrigger id="return-location" className="w-full">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={SAME}>Keep its current location</SelectItem>
            {locationOptions(locations.data ?? []).map((location) => (
              <SelectItem key={location.id} value={location.id}>
                {location.label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </FormField>
      <FormField label="Notes" htmlFor="return-notes" error={field("notes")}>
        <Textarea
          id="return-notes"
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
          rows={2}
        />
      </FormField>
    </ActionDialog>
  );
}
