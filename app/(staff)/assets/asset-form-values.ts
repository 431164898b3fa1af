import type { CustomFieldDefinition } from "@/server/reference/catalog/custom-fields";
import type { AssetDetail } from "./asset-types";

/** The form keeps every field as the text in its input; toPayload turns it into the API's shape. */
export type AssetFormValues = {
  name: string;
  tag: string;
  serial: string;
  categoryId: string;
  modelId: string;
  locationId: string;
  purchaseDate: string;
  cost: string;
  vendor: string;
  orderNumber: string;
  warrantyEnd: string;
  endOfLife: string;
  notes: string;
  customFields: Record<string, unknown>;
};

export const emptyAssetValues: AssetFormValues = {
  name: "",
  tag: "",
  serial: "",
  categoryId: "",
  modelId: "",
  locationId: "",
  purchaseDate: "",
  cost: "",
  vendor: "",
  orderNumber: "",
  warrantyEnd: "",
  endOfLife: "",
  notes: "",
  customFields: {},
};

export function valuesFromAsset(asset: AssetDetail): AssetFormValues {
  return {
    name: asset.name,
    tag: asset.tag,
    serial: asset.serial ?? "",
    categoryId: asset.category.id,
    modelId: asset.model?.id ?? "",
    locationId: asset.location?.id ?? "",
    purchaseDate: asset.purchaseDate ?? "",
    cost: asset.cost ?? "",
    vendor: asset.vendor ?? "",
    orderNumber: asset.orderNumber ?? "",
    warrantyEnd: asset.warrantyEnd ?? "",
    endOfLife: asset.endOfLife ?? "",
    notes: asset.notes ?? "",
    customFields: asset.customFields,
  };
}

export type AssetPayload = {
  name: string;
  tag?: string;
  serial: string | null;
  categoryId: string;
  modelId: string | null;
  locationId: string | null;
  purchaseDate: string | null;
  cost: string | null;
  vendor: string | null;
  orderNumber: string | null;
  warrantyEnd: string | null;
  endOfLife: string | null;
  notes: string | null;
  customFields: Record<string, unknown>;
};

const orNull = (value: string) => value.trim() || null;

/**
 * Blank inputs become null (which clears the field on an edit); a blank tag on a new asset is
 * left out so the server generates one. Custom fields are limited to the category's own.
 */
export function toPayload(
  values: AssetFormValues,
  definitions: readonly CustomFieldDefinition[],
  mode: "create" | "edit",
): AssetPayload {
  const tag = values.tag.trim();
  return {
    name: values.name.trim(),
    ...(tag || mode === "edit" ? { tag } : {}),
    serial: orNull(values.serial),
    categoryId: values.categoryId,
    modelId: orNull(values.modelId),
    locationId: orNull(values.locationId),
    purchaseDate: orNull(values.purchaseDate),
    cost: orNull(values.cost),
    vendor: orNull(values.vendor),
    orderNumber: orNull(values.orderNumber),
    warrantyEnd: orNull(values.warrantyEnd),
    endOfLife: orNull(values.endOfLife),
    notes: orNull(values.notes),
    customFields: Object.fromEntries(
      definitions.map((definition) => [definition.key, values.customFields[definition.key] ?? null]),
    ),
  };
}
