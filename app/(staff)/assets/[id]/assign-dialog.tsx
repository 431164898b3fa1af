"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { type EmployeeChoice, EmployeeCombobox } from "@/app/_components/employee-combobox";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { Textarea } from "@/app/_components/ui/textarea";
import { useTRPC } from "@/app/_trpc/client";
import { ActionDialog } from "./action-dialog";
import { errorsOf, useAfterAssetChange } from "./asset-mutation-helpers";

type DialogProps = { asset: { id: string; tag: string }; onClose: () => void };

export function AssignDialog({ asset, onClose }: DialogProps) {
  const trpc = useTRPC();
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
  const { field, general } = errorsOf(assign.error);

  return (
    <ActionDialog
      title={`Assign ${asset.tag}`}
      description="Give this asset to someone. Its status becomes assigned and the handover is recorded."
      submitLabel="Assign"
      pending={assign.isPending}
      error={general}
      onClose={onClose}
      onSubmit={() => {
        setMissing(!employee);
        if (!employee) return;
        assign.mutate({
          assetId: asset.id,
          employeeId: employee.id,
          expectedReturnAt: expectedReturnAt || undefined,
          notes: notes.trim() || undefined,
        });
      }}
    >
      <FormField
        label="Employee"
        htmlFor="assign-employee"
        required
        error={missing ? "Choose who receives the asset" : field("employeeId")}
      >
        <EmployeeCombobox id="assign-employee" value={employee} onChange={setEmployee} />
      </FormField>
      <FormField
        label="Expected return"
        htmlFor="assign-expected-return"
        description="Optional, for loaners: when it should come back."
        error={field("expectedReturnAt")}
      >
        <Input
          id="assign-expected-return"
          type="date"
          value={expectedReturnAt}
          onChange={(event) => setExpectedReturnAt(event.target.value)}
        />
      </FormField>
      <FormField label="Notes" htmlFor="assign-notes" error={field("notes")}>
        <Textarea
          id="assign-notes"
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
          rows={2}
        />
      </FormField>
    </ActionDialog>
  );
}
