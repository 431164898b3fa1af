"use client";

import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/app/_components/ui/dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { FormAlert, fieldError, formError, type MutationError } from "../_components/reference-ui";

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
  const [errors, setErrors] = useState<{ name?: string; months?: string }>({});
  const [error, setError] = useState<MutationError>(null);
  const [pending, setPending] = useState(false);

  const submit = async () => {
    const parsed = months.trim() === "" ? null : Number(months);
    const local = {
      name: name.trim() ? undefined : "Enter a name",
      months:
        parsed === null || (Number.isInteger(parsed) && parsed >= 1 && parsed <= 600)
          ? undefined
          : "Enter a whole number of months between 1 and 600, or leave it empty",
    };
    setErrors(local);
    if (local.name || local.months) return;
    setPending(true);
    setError(null);
    try {
      await save({ name: name.trim(), depreciationMonths: parsed });
    } catch (caught) {
      setError(caught as MutationError);
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{category ? `Edit ${category.name}` : "Add category"}</DialogTitle>
          <DialogDescription>
            Assets of this category depreciate linearly over the period you set.
          </DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <FormField
            label="Name"
            htmlFor="category-name"
            required
            error={errors.name ?? fieldError(error, "name")}
          >
            <Input
              id="category-name"
              value={name}
              maxLength={120}
              autoFocus
              onChange={(e) => setName(e.target.value)}
            />
          </FormField>
          <FormField
            label="Depreciation (months)"
            htmlFor="category-months"
            description="Leave empty if assets of this category are not depreciated."
            error={errors.months ?? fieldError(error, "depreciationMonths")}
          >
            <Input
              id="category-months"
              inputMode="numeric"
              value={months}
              onChange={(e) => setMonths(e.target.value)}
              className="w-32"
            />
          </FormField>
          <FormAlert message={error?.data?.zodError ? undefined : formError(error)} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {category ? "Save" : "Add category"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
