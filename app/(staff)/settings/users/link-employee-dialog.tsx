"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { type EmployeeChoice, EmployeeCombobox } from "@/app/_components/employee-combobox";
import { FormDialog } from "@/app/_components/form-dialog";
import { Button } from "@/app/_components/ui/button";
import { FormField } from "@/app/_components/ui/form-field";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";

type Member = { id: string; name: string; employee: EmployeeChoice | null };

/**
 * Links a member's account to their employee record (the portal then shows them their equipment),
 * or unlinks it. Invitations with the employee role link by work email on their own; this is for
 * everyone else, and for corrections.
 */
export function LinkEmployeeDialog({ member }: { member: Member }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [employee, setEmployee] = useState<EmployeeChoice | null>(null);
  const close = () => {
    setOpen(false);
    setEmployee(null);
    link.reset();
  };
  const link = useMutation(
    trpc.employees.linkUser.mutationOptions({
      onSuccess: (result) => {
        void queryClient.invalidateQueries(trpc.accounts.users.queryFilter());
        void queryClient.invalidateQueries(trpc.employees.pathFilter());
        notifySuccess(
          "employee-link",
          result.userId
            ? `${member.name} linked to ${result.name}`
            : `${member.name} unlinked from ${result.name}`,
        );
        close();
      },
    }),
  );
  const errors = mutationMessages(link.error, ["employeeId"]);
  const linked = member.employee;
  return (
    <>
      <Button variant="ghost" size="sm" onClick={() => setOpen(true)}>
        {linked ? "Unlink employee" : "Link employee"}
        <span className="sr-only"> for {member.name}</span>
      </Button>
      {open ? (
        linked ? (
          <FormDialog
            title={`Unlink ${member.name} from ${linked.name}`}
            description="Their account stays; the portal stops showing them this person's equipment."
            submitLabel="Unlink"
            destructive
            pending={link.isPending}
            error={errors.form}
            onClose={close}
            onSubmit={() => link.mutate({ employeeId: linked.id, userId: null })}
          />
        ) : (
          <FormDialog
            title={`Link ${member.name} to an employee record`}
            description="The portal shows them the equipment recorded against this person."
            submitLabel="Link"
            pending={link.isPending}
            error={errors.form}
            submitDisabled={!employee}
            onClose={close}
            onSubmit={() => employee && link.mutate({ employeeId: employee.id, userId: member.id })}
          >
            <FormField label="Employee" htmlFor="link-employee" required error={errors.field("employeeId")}>
              <EmployeeCombobox id="link-employee" value={employee} onChange={setEmployee} />
            </FormField>
          </FormDialog>
        )
      ) : null}
    </>
  );
}
