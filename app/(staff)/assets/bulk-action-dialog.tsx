"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormDialog } from "@/app/_components/form-dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { mutationMessages } from "@/app/_lib/form-errors";
import { locationOptions } from "@/app/_lib/location-labels";
import { useTRPC } from "@/app/_trpc/client";
import type { BulkInput, BulkSummary } from "./asset-types";
import {
  conditionChoices,
  destinationChoices,
  type ReturnCondition,
  type ReturnDestination,
} from "./conditions";
import { statusChoices } from "./status-choices";

export type BulkAction = BulkInput["action"];

const titles: Record<BulkAction, string> = {
  move: "Move assets",
  change_status: "Change status",
  return: "Return assets",
  retire: "Retire assets",
};

type BulkActionDialogProps = {
  action: BulkAction;
  assetIds: string[];
  onClose: () => void;
  onDone: (summary: BulkSummary, action: BulkAction) => void;
};

/** Collects what the action needs, runs it on every selected asset and hands back the summary. */
export function BulkActionDialog({ action, assetIds, onClose, onDone }: BulkActionDialogProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [locationId, setLocationId] = useState("");
  const [statusId, setStatusId] = useState("");
  const [condition, setCondition] = useState<ReturnCondition>("good");
  const [toKind, setToKind] = useState<ReturnDestination>("in_stock");
  const [missing, setMissing] = useState<string | null>(null);
  const locations = useQuery({ ...trpc.reference.locations.queryOptions(), enabled: action === "move" });
  const statuses = useQuery({
    ...trpc.reference.statuses.queryOptions(),
    enabled: action === "change_status",
  });
  const bulk = useMutation(
    trpc.assets.bulk.mutationOptions({
      onSuccess: (summary) => {
        void queryClient.invalidateQueries(trpc.assets.pathFilter());
        void queryClient.invalidateQueries(trpc.employees.pathFilter());
        onDone(summary, action);
      },
    }),
  );
  const count = `${assetIds.length} ${assetIds.length === 1 ? "asset" : "assets"}`;

  const errors = mutationMessages(bulk.error, ["locationId", "statusId"]);

  const submit = () => {
    if (action === "move" && !locationId) return setMissing("Choose where the assets go");
    if (action === "change_status" && !statusId) return setMissing("Choose the new status");
    setMissing(null);
    const input: BulkInput =
      action === "move"
        ? { action, assetIds, locationId }
        : action === "change_status"
          ? { action, assetIds, statusId }
          : action === "return"
            ? { action, assetIds, condition, toKind }
            : { action, assetIds };
    bulk.mutate(input);
  };

  return (
    <FormDialog
      title={titles[action]}
      description={`Applies to ${count}. Each asset is handled on its own: those that cannot be changed are listed afterwards with the reason, and the rest go ahead.`}
      submitLabel={`${titles[action].split(" ")[0]} ${count}`}
      pending={bulk.isPending}
      error={errors.form}
      destructive={action === "retire"}
      onSubmit={submit}
      onClose={onClose}
    >
      {action === "move" ? (
        <FormField
          label="New location"
          htmlFor="bulk-location"
          error={missing ?? errors.field("locationId")}
          required
        >
          <ChoiceSelect
            id="bulk-location"
            value={locationId}
            onChange={setLocationId}
            placeholder="Choose a location"
            choices={locationOptions(locations.data ?? [])}
          />
        </FormField>
      ) : null}
      {action === "change_status" ? (
        <FormField
          label="New status"
          htmlFor="bulk-status"
          error={missing ?? errors.field("statusId")}
          description="To assign or return assets, use those actions: they record who holds what."
          required
        >
          <ChoiceSelect
            id="bulk-status"
            value={statusId}
            onChange={setStatusId}
            placeholder="Choose a status"
            choices={statusChoices(statuses.data ?? [])}
          />
        </FormField>
      ) : null}
      {action === "return" ? (
        <>
          <FormField label="Condition" htmlFor="bulk-condition">
            <ChoiceSelect
              id="bulk-condition"
              value={condition}
              onChange={(value) => setCondition(value as ReturnCondition)}
              choices={conditionChoices}
            />
          </FormField>
          <FormField label="Goes to" htmlFor="bulk-to-kind">
            <ChoiceSelect
              id="bulk-to-kind"
              value={toKind}
              onChange={(value) => setToKind(value as ReturnDestination)}
              choices={destinationChoices}
            />
          </FormField>
        </>
      ) : null}
      {action === "retire" ? (
        <p className="text-sm">
          Retired assets leave circulation. Assigned assets must be returned first; they will be listed as not
          retired.
        </p>
      ) : null}
    </FormDialog>
  );
}
