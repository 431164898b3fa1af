"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { type EmployeeChoice, EmployeeCombobox } from "@/app/_components/employee-combobox";
import { FormError } from "@/app/_components/form-error";
import { Button } from "@/app/_components/ui/button";
import { FormField } from "@/app/_components/ui/form-field";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";

/**
 * Gives someone a seat: pick a person, Assign. A refusal (no seat left, already holds one, has
 * left) shows under the picker, where the person is looking.
 */
export function AssignSeat({ license }: { license: { id: string; name: string } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [employee, setEmployee] = useState<EmployeeChoice | null>(null);
  const [missing, setMissing] = useState(false);
  const assign = useMutation(
    trpc.licenses.assign.mutationOptions({
      onSuccess: (result) => {
        void queryClient.invalidateQueries(trpc.licenses.pathFilter());
        void queryClient.invalidateQueries(trpc.audit.pathFilter());
        notifySuccess(
          "license-assigned",
          `${license.name} assigned to ${employee?.name ?? "them"} (${result.seatsUsed}${result.seats === null ? "" : ` of ${result.seats}`} seats in use)`,
        );
        setEmployee(null);
        assign.reset();
      },
    }),
  );
  const errors = mutationMessages(assign.error, ["employeeId"]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMissing(!employee);
    if (employee) assign.mutate({ licenseId: license.id, employeeId: employee.id });
  };
  return (
    <form className="grid gap-3" noValidate onSubmit={submit} aria-label={`Assign a seat of ${license.name}`}>
      <div className="flex flex-wrap items-end gap-2">
        <FormField
          label="Employee"
          htmlFor="assign-seat-employee"
          error={missing ? "Choose who receives a seat" : errors.field("employeeId")}
          className="min-w-64 flex-1"
        >
          <EmployeeCombobox
            id="assign-seat-employee"
            value={employee}
            onChange={(choice) => {
              setEmployee(choice);
              assign.reset();
            }}
          />
        </FormField>
        <Button type="submit" disabled={assign.isPending}>
          {assign.isPending ? "Assigning…" : "Assign seat"}
        </Button>
      </div>
      <FormError message={errors.form} />
    </form>
  );
}
