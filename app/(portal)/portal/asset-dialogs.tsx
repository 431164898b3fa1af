"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormDialog } from "@/app/_components/form-dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { Textarea } from "@/app/_components/ui/textarea";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import type { MyHeldAsset, ProblemKind } from "@/server/portal/schemas";

type DialogProps = { asset: MyHeldAsset; onClose: () => void };

/** After an answer: the list shows the asset's new state, and a toast says what happened. */
function useAfterAnswer(onClose: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (kind: string, message: string) => {
    void queryClient.invalidateQueries(trpc.portal.pathFilter());
    notifySuccess(kind, message);
    onClose();
  };
}

/** Refusing an asset, with the reason IT staff read. */
export function DeclineReceiptDialog({ asset, onClose }: DialogProps) {
  const trpc = useTRPC();
  const [reason, setReason] = useState("");
  const done = useAfterAnswer(onClose);
  const decline = useMutation(
    trpc.portal.declineReceipt.mutationOptions({
      onSuccess: () => done("receipt-declined", `${asset.tag} declined; IT staff have been told`),
    }),
  );
  const errors = mutationMessages(decline.error, ["reason"]);
  return (
    <FormDialog
      title={`Decline ${asset.name} (${asset.tag})`}
      description="Tell IT staff why (wrong model, damaged on arrival, not yours). They will contact you."
      submitLabel="Decline"
      destructive
      pending={decline.isPending}
      error={errors.form}
      onClose={onClose}
      onSubmit={() => decline.mutate({ assetId: asset.id, reason })}
    >
      <FormField label="Reason" htmlFor="decline-reason" required error={errors.field("reason")}>
        <Textarea
          id="decline-reason"
          rows={3}
          limit={1000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </FormField>
    </FormDialog>
  );
}

const problemChoices: Array<{ value: ProblemKind; label: string }> = [
  { value: "lost", label: "Lost" },
  { value: "stolen", label: "Stolen" },
  { value: "damaged", label: "Damaged" },
];

const outcomes: Record<ProblemKind, string> = {
  lost: "marked lost",
  stolen: "marked stolen",
  damaged: "sent to repair",
};

/** Lost, stolen or damaged, in the holder's words: the asset's status changes at once. */
export function ReportProblemDialog({ asset, onClose }: DialogProps) {
  const trpc = useTRPC();
  const [kind, setKind] = useState<ProblemKind>("damaged");
  const [description, setDescription] = useState("");
  const done = useAfterAnswer(onClose);
  const report = useMutation(
    trpc.portal.reportProblem.mutationOptions({
      onSuccess: () => done("problem-reported", `${asset.tag} ${outcomes[kind]}; IT staff will follow up`),
    }),
  );
  const errors = mutationMessages(report.error, ["kind", "description"]);
  return (
    <FormDialog
      title={`Report a problem with ${asset.name} (${asset.tag})`}
      description="A lost or stolen asset is taken off your name; a damaged one goes to repair. IT staff follow up either way."
      submitLabel="Report"
      destructive
      pending={report.isPending}
      error={errors.form}
      onClose={onClose}
      onSubmit={() => report.mutate({ assetId: asset.id, kind, description })}
    >
      <FormField label="What happened" htmlFor="problem-kind" required error={errors.field("kind")}>
        <ChoiceSelect
          id="problem-kind"
          value={kind}
          onChange={(value) => setKind(value as ProblemKind)}
          choices={problemChoices}
        />
      </FormField>
      <FormField
        label="Description"
        htmlFor="problem-description"
        required
        error={errors.field("description")}
      >
        <Textarea
          id="problem-description"
          rows={3}
          limit={2000}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
      </FormField>
    </FormDialog>
  );
}
