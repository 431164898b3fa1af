"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormDialog } from "@/app/_components/form-dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { Textarea } from "@/app/_components/ui/textarea";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import { REVOKE_REASON_LIMIT } from "@/server/licenses/schemas";

/** Takes one person's seat of a licence back, with the reason (licence page and employee page). */
export function RevokeLicenseDialog({
  license,
  employee,
  onClose,
}: {
  license: { id: string; name: string };
  employee: { id: string; name: string };
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const revoke = useMutation(
    trpc.licenses.revoke.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.licenses.pathFilter());
        void queryClient.invalidateQueries(trpc.audit.pathFilter());
        notifySuccess("license-revoked", `${employee.name}'s seat of ${license.name} revoked`);
        onClose();
      },
    }),
  );
  const errors = mutationMessages(revoke.error, ["reason"]);
  return (
    <FormDialog
      title={`Revoke ${license.name} from ${employee.name}`}
      description="The seat is freed at once. Remove their access in the vendor's console too."
      submitLabel="Revoke"
      destructive
      pending={revoke.isPending}
      error={errors.form}
      onClose={onClose}
      onSubmit={() => revoke.mutate({ licenseId: license.id, employeeId: employee.id, reason })}
    >
      <FormField label="Reason" htmlFor="revoke-reason" required error={errors.field("reason")}>
        <Textarea
          id="revoke-reason"
          limit={REVOKE_REASON_LIMIT}
          rows={3}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </FormField>
    </FormDialog>
  );
}
