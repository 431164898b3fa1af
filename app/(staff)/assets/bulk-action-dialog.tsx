"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button } from "@/app/_components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/app/_components/ui/dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { locationOptions } from "@/app/_lib/location-labels";
import { useTRPC } from "@/app/_trpc/client";
import { kindLabels } from "@/server/assets/lifecycle";
import type { BulkInput, BulkSummary } from "./asset-types";
import { conditionLabels, returnConditions } from "./conditions";

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
  const [condition, setCondition] = useState<(typeof returnConditions)[number]>("good");
  const [toKind, setToKind] = useState<"in_stock" | "in_repair">("in_stock");
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

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
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
    <Dialog open onOpenChange={(open) => (open || bulk.isPending ? undefined : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{titles[action]}</DialogTitle>
          <DialogDescription>
            Applies to {count}. Each asset is handled on its own: those that cannot be changed are listed
            afterwards with the reason, and the rest go ahead.
          </DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" noValidate onSubmit={submit}>
          {action === "move" ? (
            <FormField label="New location" htmlFor="bulk-location" error={missing ?? undefined} required>
              <Select value={locationId} onValueChange={setLocationId}>
                <SelectTrigger id="bulk-location" className="w-full">
                  <SelectValue placeholder="Choose a location" />
                </SelectTrigger>
                <SelectContent>
                  {locationOptions(locations.data ?? []).map((location) => (
                    <SelectItem key={location.id} value={location.id}>
                      {location.label}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </FormField>
          ) : null}
          {action === "change_status" ? (
            <FormField
              label="New status"
              htmlFor="bulk-status"
              error={missing ?? undefined}
              description="To assign or return assets, use those actions: they record who holds what."
              required
            >
              <Select value={statusId} onValueChange={setStatusId}>
                <SelectTrigger id="bulk-status" className="w-full">
                  <SelectValue placeholder="Choose a status" />
                </SelectTrigger>
                <SelectContent>
                  {(statuses.data ?? [])
                    .filter((status) => status.kind !== "assigned")
                    .map((status) => (
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
          ) : null}
          {action === "return" ? (
            <>
              <FormField label="Condition" htmlFor="bulk-condition">
                <Select value={condition} onValueChange={(value) => setCondition(value as typeof condition)}>
                  <SelectTrigger id="bulk-condition" className="w-full">
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
              <FormField label="Goes to" htmlFor="bulk-to-kind">
                <Select value={toKind} onValueChange={(value) => setToKind(value as typeof toKind)}>
                  <SelectTrigger id="bulk-to-kind" className="w-full">
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    <SelectItem value="in_stock">Stock</SelectItem>
                    <SelectItem value="in_repair">Repair</SelectItem>
                  </SelectContent>
                </Select>
              </FormField>
            </>
          ) : null}
          {action === "retire" ? (
            <p className="text-sm">
              Retired assets leave circulation. Assigned assets must be returned first; they will be listed as
              not retired.
            </p>
          ) : null}
          {bulk.error ? (
            <p role="alert" className="text-sm font-medium text-destructive">
              {bulk.error.message}
            </p>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose} disabled={bulk.isPending}>
              Cancel
            </Button>
            <Button
              type="submit"
              variant={action === "retire" ? "destructive" : "default"}
              disabled={bulk.isPending}
            >
              {bulk.isPending ? "Working…" : `${titles[action].split(" ")[0]} ${count}`}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
