"use client";

import { useState } from "react";
import { FormDialog } from "@/app/_components/form-dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { mutationMessages } from "@/app/_lib/form-errors";
import { useSubmission } from "@/app/_lib/use-submission";

type Values = { name: string; depreciationMonths: number | null };

/** Create or edit a category: its name and, optionally, its depreciation period in months. */
export function CategoryDialog({
  category,
  onClose,
  save,
}: {
  category?: Values;
  onClose: () => void;
  /** Saves and decides what comes next (the dialog stays open until the caller closes it). */
  save: (values: Values) => Promise<unknown>;
}) {
  const [name, setName] = useState(category?.name ?? "");
  const [months, setMonths] = useState(category?.depreciationMonths?.toString() ?? "");
  const [local, setLocal] = useState<{ name?: string; months?: string }>({});
  const { error, pending, submit } = useSubmission();
  const errors = mutationMessages(error, ["name", "depreciationMonths"]);

  const check = () => {
    const parsed = months.trim() === "" ? null : Number(months);
    const problems = {
      name: name.trim() ? undefined : "Enter a name",
      months:
        parsed === null || (Number.isInteger(parsed) && parsed >= 1 && parsed <= 600)
          ? undefined
          : "Enter a whole number of months between 1 and 600, or leave it empty",
    };
    setLocal(problems);
    if (!problems.name && !problems.months)
      void submit(() => save({ name: name.trim(), depreciationMonths: parsed }));
  };

  return (
    <FormDialog
      title={category ? `Edit ${category.name}` : "Add category"}
      description="Assets of this category depreciate linearly over the period you set."
      submitLabel={category ? "Save" : "Add category"}
      pending={pending}
      error={errors.form}
      onClose={onClose}
      onSubmit={check}
    >
      <FormField label="Name" htmlFor="category-name" required error={local.name ?? errors.field("name")}>
        <Input
          id="category-name"
          value={name}
          limit={120}
          autoFocus
          onChange={(e) => setName(e.target.value)}
        />
      </FormField>
      <FormField
        label="Depreciation (months)"
        htmlFor="category-months"
        description="Leave empty if assets of this category are not depreciated."
        error={local.months ?? errors.field("depreciationMonths")}
      >
        <Input
          id="category-months"
          inputMode="numeric"
          value={months}
          onChange={(e) => setMonths(e.target.value)}
          className="w-32"
        />
      </FormField>
    </FormDialog>
  );
}
