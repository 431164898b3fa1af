"use client";

import { useState } from "react";
import { ChoiceSelect, recordChoices } from "@/app/_components/choice-select";
import { FormDialog } from "@/app/_components/form-dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { mutationMessages } from "@/app/_lib/form-errors";
import { useSubmission } from "@/app/_lib/use-submission";

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
  const [categoryId, setCategoryId] = useState(model?.categoryId ?? "");
  const [local, setLocal] = useState<{ manufacturer?: string; name?: string }>({});
  const { error, pending, submit } = useSubmission();
  const errors = mutationMessages(error, ["manufacturerId", "name", "modelNumber"]);

  const check = async () => {
    const problems = {
      manufacturer: manufacturerId ? undefined : "Choose a manufacturer",
      name: name.trim() ? undefined : "Enter a name",
    };
    setLocal(problems);
    if (problems.manufacturer || problems.name) return;
    const values = {
      manufacturerId,
      name: name.trim(),
      modelNumber: modelNumber.trim() || null,
      categoryId: categoryId || null,
    };
    if (await submit(() => save(values))) onClose();
  };

  return (
    <FormDialog
      title={model ? `Edit ${model.manufacturerName} ${model.name}` : "Add model"}
      description="Model names are unique per manufacturer."
      submitLabel={model ? "Save" : "Add model"}
      pending={pending}
      error={errors.form}
      onClose={onClose}
      onSubmit={() => void check()}
    >
      {model ? null : (
        <FormField
          label="Manufacturer"
          htmlFor="model-manufacturer"
          required
          error={local.manufacturer ?? errors.field("manufacturerId")}
        >
          <ChoiceSelect
            id="model-manufacturer"
            value={manufacturerId}
            onChange={setManufacturerId}
            placeholder="Choose a manufacturer"
            choices={recordChoices(manufacturers)}
          />
        </FormField>
      )}
      <FormField label="Name" htmlFor="model-name" required error={local.name ?? errors.field("name")}>
        <Input id="model-name" value={name} limit={120} onChange={(e) => setName(e.target.value)} />
      </FormField>
      <FormField label="Model number" htmlFor="model-number" error={errors.field("modelNumber")}>
        <Input
          id="model-number"
          value={modelNumber}
          limit={120}
          onChange={(e) => setModelNumber(e.target.value)}
        />
      </FormField>
      <FormField
        label="Category"
        htmlFor="model-category"
        description="Suggested when an asset of this model is added."
      >
        <ChoiceSelect
          id="model-category"
          value={categoryId}
          onChange={setCategoryId}
          empty="No category"
          choices={recordChoices(categories)}
        />
      </FormField>
    </FormDialog>
  );
}
