"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { UserPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/app/_components/ui/button";
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
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { locationOptions } from "@/app/_lib/location-labels";
import { useTRPC } from "@/app/_trpc/client";

const NONE = "__none";
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
        toast.success(`${employee.name} added`, {
          action: { label: "Open", onClick: () => router.push(`/employees/${employee.id}`) },
        });
        reset(false);
      },
    }),
  );
  const fieldErrors = create.error?.data?.zodError?.fieldErrors;
  const error = (name: keyof Values) => fieldErrors?.[name]?.[0];
  const general = create.error && !fieldErrors ? create.error.message : null;
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
      <Input
        id={`employee-${key}`}
        type={props.type ?? "text"}
        value={values[key]}
        onChange={(event) => set(key)(event.target.value)}
      />
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
            <Select
              value={values.departmentId || NONE}
              onValueChange={(v) => set("departmentId")(v === NONE ? "" : v)}
            >
              <SelectTrigger id="employee-department" className="w-full">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={NONE}>No department</SelectItem>
                {(departments.data ?? []).map((department) => (
                  <SelectItem key={department.id} value={department.id}>
                    {department.name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </FormField>
          <FormField label="Location" htmlFor="employee-location" error={error("locationId")}>
            <Select
              value={values.locationId || NONE}
              onValueChange={(v) => set("locationId")(v === NONE ? "" : v)}
            >
              <SelectTrigger id="employee-location" className="w-full">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={NONE}>No location</SelectItem>
                {locationOptions(locations.data ?? []).map((location) => (
                  <SelectItem key={location.id} value={location.id}>
                    {location.label}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </FormField>
          {general ? (
            <p role="alert" className="text-sm font-medium text-destructive sm:col-span-2">
              {general}
            </p>
          ) : null}
          <DialogFooter className="sm:col-span-2">
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? "Adding…" : "Add employee"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
