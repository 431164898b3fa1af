"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { UserPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { ChoiceSelect, recordChoices } from "@/app/_components/choice-select";
import { FormError } from "@/app/_components/form-error";
import { Button } from "@/app/_components/ui/button";
import { DateInput } from "@/app/_components/ui/date-input";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/app/_components/ui/dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { mutationMessages } from "@/app/_lib/form-errors";
import { locationOptions } from "@/app/_lib/location-labels";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import { employeeTextLimits } from "@/server/employees/schemas";

const blank = {
  firstName: "",
  lastName: "",
  workEmail: "",
  employeeNumber: "",
  title: "",
  departmentId: "",
  locationId: "",
  hireDate: "",
};
type Values = typeof blank;
const textLimits: Partial<Record<keyof Values, number>> = employeeTextLimits;

export function NewEmployeeDialog() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Values>(blank);
  const departments = useQuery({ ...trpc.reference.departments.queryOptions(), enabled: open });
  const locations = useQuery({ ...trpc.reference.locations.queryOptions(), enabled: open });
  const create = useMutation(
    trpc.employees.create.mutationOptions({
      onSuccess: (employee) => {
        void queryClient.invalidateQueries(trpc.employees.pathFilter());
        notifySuccess("employee-added", `${employee.name} added`, {
          action: { label: "Open", onClick: () => router.push(`/employees/${employee.id}`) },
        });
        reset(false);
      },
    }),
  );
  const errors = mutationMessages(create.error, Object.keys(blank));
  const error = (name: keyof Values) => errors.field(name);
  const set = (key: keyof Values) => (value: string) =>
    setValues((current) => ({ ...current, [key]: value }));

  const reset = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setValues(blank);
      create.reset();
    }
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate({
      firstName: values.firstName,
      lastName: values.lastName,
      workEmail: values.workEmail.trim() || null,
      employeeNumber: values.employeeNumber || null,
      title: values.title || null,
      departmentId: values.departmentId || null,
      locationId: values.locationId || null,
      hireDate: values.hireDate || null,
    });
  };
  const text = (key: keyof Values, label: string, props: { type?: string; required?: boolean } = {}) => (
    <FormField label={label} htmlFor={`employee-${key}`} error={error(key)} required={props.required}>
      {props.type === "date" ? (
        <DateInput
          id={`employee-${key}`}
          value={values[key]}
          onChange={(event) => set(key)(event.target.value)}
        />
      ) : (
        <Input
          id={`employee-${key}`}
          type={props.type ?? "text"}
          limit={textLimits[key]}
          value={values[key]}
          onChange={(event) => set(key)(event.target.value)}
        />
      )}
    </FormField>
  );

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden /> New employee
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>New employee</DialogTitle>
          <DialogDescription>
            Someone who can hold assets. They do not get a sign-in of their own.
          </DialogDescription>
        </DialogHeader>
        <form className="grid gap-4 sm:grid-cols-2" noValidate onSubmit={submit}>
          {text("firstName", "First name", { required: true })}
          {text("lastName", "Last name", { required: true })}
          {text("workEmail", "Work email", { type: "email" })}
          {text("employeeNumber", "Employee number")}
          {text("title", "Job title")}
          {text("hireDate", "Hire date", { type: "date" })}
          <FormField label="Department" htmlFor="employee-department" error={error("departmentId")}>
            <ChoiceSelect
              id="employee-department"
              value={values.departmentId}
              onChange={set("departmentId")}
              empty="No department"
              choices={recordChoices(departments.data ?? [])}
            />
          </FormField>
          <FormField label="Location" htmlFor="employee-location" error={error("locationId")}>
            <ChoiceSelect
              id="employee-location"
              value={values.locationId}
              onChange={set("locationId")}
              empty="No location"
              choices={locationOptions(locations.data ?? [])}
            />
          </FormField>
          <div className="sm:col-span-2 empty:hidden">
            <FormError message={errors.form} />
          </div>
          <DialogFooter className="sm:col-span-2">
            <Button type="button" variant="outline" onClick={() => reset(false)} disabled={create.isPending}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? "Adding…" : "Add employee"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
