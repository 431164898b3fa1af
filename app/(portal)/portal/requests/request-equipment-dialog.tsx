"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormDialog } from "@/app/_components/form-dialog";
import { DateInput } from "@/app/_components/ui/date-input";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { Textarea } from "@/app/_components/ui/textarea";
import { mutationMessages } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_trpc/client";
import { REQUEST_ITEM_MAX, REQUEST_REASON_MAX } from "@/server/portal/requests/schemas";

type RequestEquipmentDialogProps = { onClose: () => void; onSubmitted: (item: string) => void };

/** What I need (a kind of equipment and the item), why, and by when. */
export function RequestEquipmentDialog({ onClose, onSubmitted }: RequestEquipmentDialogProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const categories = useQuery(trpc.portal.requests.categories.queryOptions());
  const [categoryId, setCategoryId] = useState("");
  const [item, setItem] = useState("");
  const [reason, setReason] = useState("");
  const [neededBy, setNeededBy] = useState("");
  const submit = useMutation(
    trpc.portal.requests.submit.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.portal.requests.pathFilter());
        onSubmitted(item.trim());
        onClose();
      },
    }),
  );
  const errors = mutationMessages(submit.error, ["categoryId", "item", "reason", "neededBy"]);
  return (
    <FormDialog
      title="Request equipment"
      description="IT staff read your request, approve or decline it, and you are told either way."
      submitLabel="Send request"
      pending={submit.isPending}
      error={errors.form}
      onClose={onClose}
      onSubmit={() => submit.mutate({ categoryId, item, reason, neededBy: neededBy || null })}
    >
      <FormField
        label="Kind of equipment"
        htmlFor="request-category"
        required
        error={errors.field("categoryId")}
      >
        <ChoiceSelect
          id="request-category"
          value={categoryId}
          onChange={setCategoryId}
          placeholder="Choose a kind"
          choices={(categories.data ?? []).map((category) => ({ value: category.id, label: category.name }))}
        />
      </FormField>
      <FormField label="What you need" htmlFor="request-item" required error={errors.field("item")}>
        <Input
          id="request-item"
          limit={REQUEST_ITEM_MAX}
          placeholder="27-inch monitor"
          value={item}
          onChange={(event) => setItem(event.target.value)}
        />
      </FormField>
      <FormField label="Why you need it" htmlFor="request-reason" required error={errors.field("reason")}>
        <Textarea
          id="request-reason"
          rows={3}
          limit={REQUEST_REASON_MAX}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </FormField>
      <FormField
        label="Needed by"
        htmlFor="request-needed-by"
        description="Optional: the day you need it by."
        error={errors.field("neededBy")}
      >
        <DateInput
          id="request-needed-by"
          value={neededBy}
          onChange={(event) => setNeededBy(event.target.value)}
        />
      </FormField>
    </FormDialog>
  );
}
