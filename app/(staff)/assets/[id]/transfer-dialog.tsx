"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { type EmployeeChoice, EmployeeCombobox } from "@/app/_components/employee-combobox";
import { FormDialog } from "@/app/_components/form-dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { Textarea } from "@/app/_components/ui/textarea";
import { mutationMessages } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_trpc/client";
import { LIFECYCLE_NOTES_LIMIT } from "@/server/assets/schemas";
import { useAfterAssetChange } from "./asset-mutation-helpers";

type DialogProps = { asset: { id: string; tag: string; holder: string }; onClose: () => void };

export function TransferDialog({ asset, onClose }: DialogProps) {
  const trpc = useTRPC();
  const [employee, setEmployee] = useState<EmployeeChoice | null>(null);
  const [notes, setNotes] = useState("");
  const [missing, setMissing] = useState(false);
  const done = useAfterAssetChange(onClose);
  const transfer = useMutation(
    trpc.assets.transfer.mutationOptions({
      onSuccess: (result) => done(`${result.tag} transferred to ${employee?.name ?? "them"}`),
    }),
  );
  const errors = mutationMessages(transfer.error, ["toEmployeeId", "notes"]);

  return (
    <FormDialog
      title={`Transfer ${asset.tag}`}
      description={`Hand it straight from ${asset.holder} to someone else, without returning it to stock first.`}
      submitLabel="Transfer"
      pending={transfer.isPending}
      error={errors.form}
      onClose={onClose}
      onSubmit={() => {
        setMissing(!employee);
        if (!employee) return;
        transfer.mutate({ assetId: asset.id, toEmployeeId: employee.id, notes: notes.trim() || undefined });
      }}
    >
      <FormField
        label="New holder"
        htmlFor="transfer-employee"
        required
        error={missing ? "Choose who receives the asset" : errors.field("toEmployeeId")}
      >
        <EmployeeCombobox id="transfer-employee" value={employee} onChange={setEmployee} />
      </FormField>
      <FormField label="Notes" htmlFor="transfer-notes" error={errors.field("notes")}>
        <Textarea
          id="transfer-notes"
          limit={LIFECYCLE_NOTES_LIMIT}
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
          rows={2}
        />
      </FormField>
    </FormDialog>
  );
}
