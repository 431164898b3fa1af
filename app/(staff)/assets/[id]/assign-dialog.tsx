"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { type EmployeeChoice, EmployeeCombobox } from "@/app/_components/employee-combobox";
import { FormDialog } from "@/app/_components/form-dialog";
import { useTimeZone } from "@/app/_components/time-zone";
import { DateInput } from "@/app/_components/ui/date-input";
import { FormField } from "@/app/_components/ui/form-field";
import { Textarea } from "@/app/_components/ui/textarea";
import { mutationMessages } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_trpc/client";
import { LIFECYCLE_NOTES_LIMIT } from "@/server/assets/schemas";
import { useAfterAssetChange } from "./asset-mutation-helpers";

type DialogProps = { asset: { id: string; tag: string }; onClose: () => void };

export function AssignDialog({ asset, onClose }: DialogProps) {
  const trpc = useTRPC();
  const timeZone = useTimeZone();
  const [employee, setEmployee] = useState<EmployeeChoice | null>(null);
  const [expectedReturnAt, setExpectedReturnAt] = useState("");
  const [notes, setNotes] = useState("");
  const [missing, setMissing] = useState(false);
  const done = useAfterAssetChange(onClose);
  const assign = useMutation(
    trpc.assets.assign.mutationOptions({
      onSuccess: (result) => done(`${result.tag} assigned to ${employee?.name ?? "them"}`),
    }),
  );
  const errors = mutationMessages(assign.error, ["employeeId", "expectedReturnAt", "notes"]);

  return (
    <FormDialog
      title={`Assign ${asset.tag}`}
      description="Give this asset to someone. Its status becomes assigned and the handover is recorded."
      submitLabel="Assign"
      pending={assign.isPending}
      error={errors.form}
      onClose={onClose}
      onSubmit={() => {
        setMissing(!employee);
        if (!employee) return;
        assign.mutate({
          assetId: asset.id,
          employeeId: employee.id,
          expectedReturnAt: expectedReturnAt || undefined,
          notes: notes.trim() || undefined,
          timeZone,
        });
      }}
    >
      <FormField
        label="Employee"
        htmlFor="assign-employee"
        required
        error={missing ? "Choose who receives the asset" : errors.field("employeeId")}
      >
        <EmployeeCombobox id="assign-employee" value={employee} onChange={setEmployee} />
      </FormField>
      <FormField
        label="Expected return"
        htmlFor="assign-expected-return"
        description="Optional, for loaners: when it should come back."
        error={errors.field("expectedReturnAt")}
      >
        <DateInput
          id="assign-expected-return"
          value={expectedReturnAt}
          onChange={(event) => setExpectedReturnAt(event.target.value)}
        />
      </FormField>
      <FormField label="Notes" htmlFor="assign-notes" error={errors.field("notes")}>
        <Textarea
          id="assign-notes"
          limit={LIFECYCLE_NOTES_LIMIT}
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
          rows={2}
        />
      </FormField>
    </FormDialog>
  );
}
