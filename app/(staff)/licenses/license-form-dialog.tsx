"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormDialog } from "@/app/_components/form-dialog";
import { DateInput } from "@/app/_components/ui/date-input";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { Textarea } from "@/app/_components/ui/textarea";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import { LICENSE_NOTES_LIMIT } from "@/server/licenses/schemas";
import { NAME_MAX } from "@/server/schemas/primitives";

/** What the form edits, as typed. */
export type LicenseFormValues = {
  name: string;
  vendor: string;
  seats: string;
  costPerSeat: string;
  purchasedOn: string;
  expiresOn: string;
  notes: string;
};

const blank: LicenseFormValues = {
  name: "",
  vendor: "",
  seats: "",
  costPerSeat: "",
  purchasedOn: "",
  expiresOn: "",
  notes: "",
};
const fields = Object.keys(blank);

/** Whole seats as typed: blank means unlimited; anything else but a whole number the server refuses. */
const seatsOf = (typed: string): number | null => {
  const trimmed = typed.trim();
  if (trimmed === "") return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
};

/**
 * Creating a licence, or with `license` editing one: name, vendor, seats (blank: unlimited), cost
 * per seat in the organization's currency, dates and notes. Refusals show on their fields.
 */
export function LicenseFormDialog({
  license,
  currency,
  onClose,
}: {
  license?: { id: string; values: LicenseFormValues };
  currency: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<LicenseFormValues>(license?.values ?? blank);
  const [seatsProblem, setSeatsProblem] = useState<string | null>(null);
  const settle = () => void queryClient.invalidateQueries(trpc.licenses.pathFilter());
  const create = useMutation(
    trpc.licenses.create.mutationOptions({
      onSuccess: (created) => {
        settle();
        notifySuccess("license-saved", `${created.name} added`, {
          action: { label: "Open", onClick: () => router.push(`/licenses/${created.id}`) },
        });
        onClose();
      },
    }),
  );
  const update = useMutation(
    trpc.licenses.update.mutationOptions({
      onSuccess: (saved) => {
        settle();
        notifySuccess("license-saved", `${saved.name} saved`);
        onClose();
      },
    }),
  );
  const mutation = license ? update : create;
  const errors = mutationMessages(mutation.error, fields);
  const set = (key: keyof LicenseFormValues) => (value: string) =>
    setValues((current) => ({ ...current, [key]: value }));

  const submit = () => {
    const seats = seatsOf(values.seats);
    if (Number.isNaN(seats)) {
      setSeatsProblem("Enter a whole number of seats, or leave it blank for unlimited");
      return;
    }
    setSeatsProblem(null);
    const input = {
      name: values.name,
      vendor: values.vendor || null,
      seats,
      costPerSeat: values.costPerSeat,
      purchasedOn: values.purchasedOn || null,
      expiresOn: values.expiresOn || null,
      notes: values.notes || null,
    };
    if (license) update.mutate({ licenseId: license.id, ...input });
    else create.mutate(input);
  };

  return (
    <FormDialog
      title={license ? `Edit ${license.values.name}` : "New licence"}
      description="Software the organization pays for, and how many people may use it."
      submitLabel={license ? "Save" : "Add licence"}
      pending={mutation.isPending}
      error={errors.form}
      onClose={onClose}
      onSubmit={submit}
    >
      <FormField label="Name" htmlFor="license-name" required error={errors.field("name")}>
        <Input
          id="license-name"
          limit={NAME_MAX}
          value={values.name}
          onChange={(event) => set("name")(event.target.value)}
        />
      </FormField>
      <FormField label="Vendor" htmlFor="license-vendor" error={errors.field("vendor")}>
        <Input
          id="license-vendor"
          limit={NAME_MAX}
          value={values.vendor}
          onChange={(event) => set("vendor")(event.target.value)}
        />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          label="Seats"
          htmlFor="license-seats"
          description="Blank: unlimited."
          error={seatsProblem ?? errors.field("seats")}
        >
          <Input
            id="license-seats"
            inputMode="numeric"
            value={values.seats}
            onChange={(event) => set("seats")(event.target.value)}
          />
        </FormField>
        <FormField
          label={`Cost per seat (${currency})`}
          htmlFor="license-cost"
          error={errors.field("costPerSeat")}
        >
          <Input
            id="license-cost"
            inputMode="decimal"
            value={values.costPerSeat}
            onChange={(event) => set("costPerSeat")(event.target.value)}
          />
        </FormField>
        <FormField label="Purchased on" htmlFor="license-purchased" error={errors.field("purchasedOn")}>
          <DateInput
            id="license-purchased"
            value={values.purchasedOn}
            onChange={(event) => set("purchasedOn")(event.target.value)}
          />
        </FormField>
        <FormField
          label="Expires on"
          htmlFor="license-expires"
          description="Admins and IT staff are told 30 and 7 days before."
          error={errors.field("expiresOn")}
        >
          <DateInput
            id="license-expires"
            value={values.expiresOn}
            onChange={(event) => set("expiresOn")(event.target.value)}
          />
        </FormField>
      </div>
      <FormField label="Notes" htmlFor="license-notes" error={errors.field("notes")}>
        <Textarea
          id="license-notes"
          limit={LICENSE_NOTES_LIMIT}
          rows={3}
          value={values.notes}
          onChange={(event) => set("notes")(event.target.value)}
        />
      </FormField>
    </FormDialog>
  );
}
