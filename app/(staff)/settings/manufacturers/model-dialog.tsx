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
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { FormAlert, fieldError, formError, type MutationError } from "../_components/reference-ui";

const NONE = "none";
type Option = { id: string; name: string };
export type ModelValues = {
  manufacturerId: string;
  name: string;
  modelNumber: string | null;
  categoryId: string | null;
};

/** Create a model (choosing its manufacturer) or edit one (its manufacturer stays). */
export function ModelDialog({
  model,
  manufacturers,
  categories,
  onClose,
  save,
}: {
  model?: ModelValues & { manufacturerName: string };
  manufacturers: Option[];
  categories: Option[];
  onClose: () => void;
  save: (values: ModelValues) => Promise<unknown>;
}) {
  const [manufacturerId, setManufacturerId] = useState(model?.manufacturerId ?? "");
  const [name, setName] = useState(model?.name ?? "");
  const [modelNumber, setModelNumber] = useState(model?.modelNumber ?? "");
  const [categoryId, setCategoryId] = useState(model?.categoryId ?? NONE);
  const [local, setLocal] = useState<{ manufacturer?: string; name?: string }>({});
  const [error, setError] = useState<MutationError>(null);
  const [pending, setPending] = useState(false);

  const submit = async () => {
    const problems = {
      manufacturer: manufacturerId ? undefined : "Choose a manufacturer",
      name: name.trim() ? undefined : "Enter a name",
    };
    setLocal(problems);
    if (problems.manufacturer || problems.name) return;
    setPending(true);
    setError(null);
    try {
      await save({
        manufacturerId,
        name: name.trim(),
        modelNumber: modelNumber.trim() || null,
        categoryId: categoryId === NONE ? null : categoryId,
      });
      onClose();
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
          <DialogTitle>{model ? `Edit ${model.manufacturerName} ${model.name}` : "Add model"}</DialogTitle>
          <DialogDescription>Model names are unique per manufacturer.</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          {model ? null : (
            <FormField
              label="Manufacturer"
              htmlFor="model-manufacturer"
              required
              error={local.manufacturer ?? fieldError(error, "manufacturerId")}
            >
              <Select value={manufacturerId} onValueChange={setManufacturerId}>
                <SelectTrigger id="model-manufacturer" className="w-full">
                  <SelectValue placeholder="Choose a manufacturer" />
                </SelectTrigger>
                <SelectContent>
                  {manufacturers.map((manufacturer) => (
                    <SelectItem key={manufacturer.id} value={manufacturer.id}>
                      {manufacturer.name}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </FormField>
          )}
          <FormField
            label="Name"
            htmlFor="model-name"
            required
            error={local.name ?? fieldError(error, "name")}
          >
            <Input id="model-name" value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
          </FormField>
          <FormField label="Model number" htmlFor="model-number" error={fieldError(error, "modelNumber")}>
            <Input
              id="model-number"
              value={modelNumber}
              maxLength={120}
              onChange={(e) => setModelNumber(e.target.value)}
            />
          </FormField>
          <FormField
            label="Category"
            htmlFor="model-category"
            description="Suggested when an asset of this model is added."
          >
            <Select value={categoryId} onValueChange={setCategoryId}>
              <SelectTrigger id="model-category" className="w-full">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={NONE}>No category</SelectItem>
                {categories.map((category) => (
                  <SelectItem key={category.id} value={category.id}>
                    {category.name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </FormField>
          <FormAlert message={error?.data?.zodError ? undefined : formError(error)} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {model ? "Save" : "Add model"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
