"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ChoiceSelect, recordChoices } from "@/app/_components/choice-select";
import { type EmployeeChoice, EmployeeCombobox } from "@/app/_components/employee-combobox";
import { FormDialog } from "@/app/_components/form-dialog";
import { DateInput } from "@/app/_components/ui/date-input";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { Textarea } from "@/app/_components/ui/textarea";
import { mutationMessages } from "@/app/_lib/form-errors";
import { locationOptions } from "@/app/_lib/location-labels";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import { employeeTextLimits, employmentTypes } from "@/server/employees/schemas";
import { MAX_EMAIL_LENGTH } from "@/server/schemas/primitives";

export type EditableEmployee = {
  id: string;
  name: string;
  status: string;
  title: string | null;
  hireDate: string | null;
  terminationDate: string | null;
  employmentType: string | null;
  department: { id: string; name: string } | null;
  location: { id: string; name: string } | null;
  manager: { id: string; name: string } | null;
};

export const employmentTypeLabels: Record<(typeof employmentTypes)[number], string> = {
  full_time: "Full time",
  part_time: "Part time",
  contractor: "Contractor",
  intern: "Intern",
  temporary: "Temporary",
};

const personalInputs = [
  { key: "personalEmail", label: "Personal email", type: "email", limit: MAX_EMAIL_LENGTH },
  { key: "phone", label: "Phone", type: "tel", limit: employeeTextLimits.phone },
  { key: "dateOfBirth", label: "Date of birth", type: "date", limit: undefined },
  { key: "nationalId", label: "National id", type: "text", limit: employeeTextLimits.nationalId },
] as const;
type PersonalKey = (typeof personalInputs)[number]["key"] | "homeAddress";

/**
 * The record's work fields, and new values for personal ones: those are never loaded into the
 * form (that would be a reveal), so a blank personal field keeps what is stored.
 */
export function EditEmployeeDialog({
  employee,
  onClose,
}: {
  employee: EditableEmployee;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(employee.title ?? "");
  const [departmentId, setDepartmentId] = useState(employee.department?.id ?? "");
  const [locationId, setLocationId] = useState(employee.location?.id ?? "");
  const [manager, setManager] = useState<EmployeeChoice | null>(employee.manager);
  const [employmentType, setEmploymentType] = useState(employee.employmentType ?? "");
  const [hireDate, setHireDate] = useState(employee.hireDate ?? "");
  const [personal, setPersonal] = useState<Partial<Record<PersonalKey, string>>>({});
  const departments = useQuery(trpc.reference.departments.queryOptions());
  const locations = useQuery(trpc.reference.locations.queryOptions());
  const update = useMutation(
    trpc.employees.update.mutationOptions({
      onSuccess: (result) => {
        void queryClient.invalidateQueries(trpc.employees.pathFilter());
        void queryClient.invalidateQueries(trpc.audit.pathFilter());
        notifySuccess("employee-changed", result.changed ? `${result.name} updated` : "Nothing to change");
        onClose();
      },
    }),
  );
  const fields = ["title", "departmentId", "locationId", "managerId", "employmentType", "hireDate"];
  const errors = mutationMessages(update.error, [
    ...fields,
    ...personalInputs.map((input) => input.key),
    "homeAddress",
  ]);
  const setPersonalField = (key: PersonalKey) => (value: string) =>
    setPersonal((current) => ({ ...current, [key]: value }));
  const personalChanges = Object.fromEntries(
    Object.entries(personal)
      .map(([key, value]) => [key, value?.trim()])
      .filter(([, value]) => value),
  );

  return (
    <FormDialog
      title={`Edit ${employee.name}`}
      description="Changes to department, title, manager and location are recorded with before and after."
      submitLabel="Save"
      pending={update.isPending}
      error={errors.form}
      onClose={onClose}
      onSubmit={() =>
        update.mutate({
          employeeId: employee.id,
          title: title.trim() || null,
          departmentId: departmentId || null,
          locationId: locationId || null,
          managerId: manager?.id ?? null,
          employmentType: (employmentType || null) as (typeof employmentTypes)[number] | null,
          hireDate: hireDate || null,
          ...personalChanges,
        })
      }
    >
      <FormField label="Job title" htmlFor="edit-title" error={errors.field("title")}>
        <Input
          id="edit-title"
          limit={employeeTextLimits.title}
          value={title}
          onChange={(event) => setTitle(event.target.value)}
        />
      </FormField>
      <FormField label="Department" htmlFor="edit-department" error={errors.field("departmentId")}>
        <ChoiceSelect
          id="edit-department"
          value={departmentId}
          onChange={setDepartmentId}
          empty="No department"
          choices={recordChoices(departments.data ?? [])}
        />
      </FormField>
      <FormField label="Location" htmlFor="edit-location" error={errors.field("locationId")}>
        <ChoiceSelect
          id="edit-location"
          value={locationId}
          onChange={setLocationId}
          empty="No location"
          choices={locationOptions(locations.data ?? [])}
        />
      </FormField>
      <FormField label="Manager" htmlFor="edit-manager" error={errors.field("managerId")}>
        <EmployeeCombobox id="edit-manager" value={manager} onChange={setManager} />
      </FormField>
      <FormField
        label="Employment type"
        htmlFor="edit-employment-type"
        error={errors.field("employmentType")}
      >
        <ChoiceSelect
          id="edit-employment-type"
          value={employmentType}
          onChange={setEmploymentType}
          empty="Not set"
          choices={employmentTypes.map((type) => ({ value: type, label: employmentTypeLabels[type] }))}
        />
      </FormField>
      <FormField label="Hire date" htmlFor="edit-hire-date" error={errors.field("hireDate")}>
        <DateInput
          id="edit-hire-date"
          value={hireDate}
          onChange={(event) => setHireDate(event.target.value)}
        />
      </FormField>
      <fieldset className="grid gap-3 rounded-md border p-3">
        <legend className="px-1 text-sm font-medium">Personal data (blank keeps what is stored)</legend>
        {personalInputs.map((input) => (
          <FormField
            key={input.key}
            label={input.label}
            htmlFor={`edit-${input.key}`}
            error={errors.field(input.key)}
          >
            {input.type === "date" ? (
              <DateInput
                id={`edit-${input.key}`}
                value={personal[input.key] ?? ""}
                onChange={(event) => setPersonalField(input.key)(event.target.value)}
              />
            ) : (
              <Input
                id={`edit-${input.key}`}
                type={input.type}
                autoComplete="off"
                limit={input.limit}
                value={personal[input.key] ?? ""}
                onChange={(event) => setPersonalField(input.key)(event.target.value)}
              />
            )}
          </FormField>
        ))}
        <FormField label="Home address" htmlFor="edit-homeAddress" error={errors.field("homeAddress")}>
          <Textarea
            id="edit-homeAddress"
            rows={2}
            autoComplete="off"
            limit={employeeTextLimits.homeAddress}
            value={personal.homeAddress ?? ""}
            onChange={(event) => setPersonalField("homeAddress")(event.target.value)}
          />
        </FormField>
      </fieldset>
    </FormDialog>
  );
}
