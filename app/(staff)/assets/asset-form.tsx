"use client";

import { useQuery } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";
import { ChoiceSelect, recordChoices } from "@/app/_components/choice-select";
import { FormError } from "@/app/_components/form-error";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { type MutationError, mutationMessages } from "@/app/_lib/form-errors";
import { locationOptions } from "@/app/_lib/location-labels";
import { useTRPC } from "@/app/_trpc/client";
import { assetTextLimits } from "@/server/assets/schemas";
import { type CustomFieldDefinition, validateCustomFields } from "@/server/reference/catalog/custom-fields";
import { type AssetFormValues, type AssetPayload, toPayload } from "./asset-form-values";
import { CustomFieldInput } from "./custom-field-input";
import { PurchaseFields } from "./purchase-fields";

/** Where focus goes when a field needs attention (custom fields use `custom-<key>`). */
const controlIds: Record<string, string> = { name: "asset-name", categoryId: "asset-category" };
/** The fields this form shows; a server message about any other field is shown above the buttons. */
const shownFields = [
  "name",
  "tag",
  "serial",
  "categoryId",
  "modelId",
  "locationId",
  "purchaseDate",
  "cost",
  "vendor",
  "orderNumber",
  "warrantyEnd",
  "endOfLife",
  "notes",
];

type AssetFormProps = {
  mode: "create" | "edit";
  initial: AssetFormValues;
  submitLabel: string;
  pending: boolean;
  error: MutationError;
  /** Shown above the buttons, e.g. an edit conflict with a way to reload. */
  notice?: ReactNode;
  onSubmit: (payload: AssetPayload) => void;
  onCancel: () => void;
};

/** The asset's descriptive fields, with the category's custom fields once a category is chosen. */
export function AssetForm({
  mode,
  initial,
  submitLabel,
  pending,
  error,
  notice,
  onSubmit,
  onCancel,
}: AssetFormProps) {
  const trpc = useTRPC();
  const [values, setValues] = useState(initial);
  const [local, setLocal] = useState<Record<string, string>>({});
  const categories = useQuery(trpc.reference.categories.queryOptions());
  const models = useQuery(trpc.reference.models.queryOptions());
  const locations = useQuery(trpc.reference.locations.queryOptions());
  const fields = useQuery({
    ...trpc.reference.categoryFields.queryOptions({ categoryId: values.categoryId }),
    enabled: Boolean(values.categoryId),
  });
  const definitions: CustomFieldDefinition[] = values.categoryId ? (fields.data ?? []) : [];
  const categoryModels = (models.data ?? []).filter(
    (model) => model.categoryId === null || model.categoryId === values.categoryId,
  );

  const set =
    <K extends keyof AssetFormValues>(key: K) =>
    (value: AssetFormValues[K]) =>
      setValues((current) => ({ ...current, [key]: value }));
  const server = mutationMessages(error, shownFields);
  const errorOf = (name: string) => local[name] ?? server.field(name);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!values.name.trim()) problems.name = "Enter a name";
    if (!values.categoryId) problems.categoryId = "Choose a category";
    const custom = validateCustomFields(definitions, pick(values.customFields, definitions));
    if (!custom.ok)
      for (const [key, message] of Object.entries(custom.errors)) problems[`custom.${key}`] = message;
    setLocal(problems);
    const first = Object.keys(problems)[0];
    if (first) document.getElementById(controlIds[first] ?? `custom-${first.slice(7)}`)?.focus();
    else onSubmit(toPayload(values, definitions, mode));
  };

  return (
    <form
      className="grid gap-6"
      noValidate
      onSubmit={submit}
      aria-label={mode === "create" ? "New asset" : "Edit asset"}
    >
      <Card>
        <CardHeader>
          <CardTitle>What it is</CardTitle>
        </CardHeader>
        <CardContent className="grid items-start gap-4 sm:grid-cols-2">
          <FormField
            label="Name"
            htmlFor="asset-name"
            required
            error={errorOf("name")}
            className="sm:col-span-2"
          >
            <Input
              id="asset-name"
              limit={assetTextLimits.name}
              value={values.name}
              onChange={(e) => set("name")(e.target.value)}
              autoFocus={mode === "create"}
            />
          </FormField>
          <FormField
            label="Tag"
            htmlFor="asset-tag"
            required={mode === "edit"}
            error={errorOf("tag")}
            description={
              mode === "create"
                ? "Leave blank and the next tag in your organization's pattern is given."
                : undefined
            }
          >
            <Input
              id="asset-tag"
              limit={assetTextLimits.tag}
              className="font-mono"
              value={values.tag}
              onChange={(e) => set("tag")(e.target.value)}
            />
          </FormField>
          <FormField label="Serial number" htmlFor="asset-serial" error={errorOf("serial")}>
            <Input
              id="asset-serial"
              limit={assetTextLimits.serial}
              className="font-mono"
              value={values.serial}
              onChange={(e) => set("serial")(e.target.value)}
            />
          </FormField>
          <FormField label="Category" htmlFor="asset-category" required error={errorOf("categoryId")}>
            <ChoiceSelect
              id="asset-category"
              value={values.categoryId}
              onChange={(categoryId) => setValues((current) => ({ ...current, categoryId, modelId: "" }))}
              placeholder={categories.data?.length === 0 ? "No categories yet" : "Choose a category"}
              choices={recordChoices(categories.data ?? [])}
            />
          </FormField>
          <FormField label="Model" htmlFor="asset-model" error={errorOf("modelId")}>
            <ChoiceSelect
              id="asset-model"
              value={values.modelId}
              onChange={set("modelId")}
              empty={values.categoryId ? "No model" : "Choose a category first"}
              choices={categoryModels.map((model) => ({
                value: model.id,
                label: `${model.manufacturerName} ${model.name}`,
              }))}
            />
          </FormField>
          <FormField
            label="Location"
            htmlFor="asset-location"
            error={errorOf("locationId")}
            className="sm:col-span-2"
          >
            <ChoiceSelect
              id="asset-location"
              value={values.locationId}
              onChange={set("locationId")}
              empty="No location"
              choices={locationOptions(locations.data ?? [])}
            />
          </FormField>
          {definitions.map((definition) => (
            <CustomFieldInput
              key={definition.key}
              field={definition}
              value={values.customFields[definition.key]}
              error={local[`custom.${definition.key}`]}
              onChange={(value) => set("customFields")({ ...values.customFields, [definition.key]: value })}
            />
          ))}
        </CardContent>
      </Card>
      <PurchaseFields values={values} set={set} errorOf={errorOf} />
      <FormError message={server.form} />
      {notice}
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
        <Button type="button" variant="outline" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

/** Only the current category's fields are sent: the server refuses keys the category lacks. */
const pick = (values: Record<string, unknown>, definitions: CustomFieldDefinition[]) =>
  Object.fromEntries(
    definitions.map((d) => [d.key, values[d.key]]).filter(([, value]) => value !== undefined),
  );
