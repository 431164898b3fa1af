"use client";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { DateInput } from "@/app/_components/ui/date-input";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { Textarea } from "@/app/_components/ui/textarea";
import { useCurrency } from "@/app/_lib/use-currency";
import { assetTextLimits } from "@/server/assets/schemas";
import { currencyName } from "@/server/money";
import type { AssetFormValues } from "./asset-form-values";

type PurchaseFieldsProps = {
  values: AssetFormValues;
  set: <K extends keyof AssetFormValues>(key: K) => (value: AssetFormValues[K]) => void;
  errorOf: (name: string) => string | undefined;
};

/** The asset form's money and dates: purchase, cost, vendor, warranty, end of life, notes. */
export function PurchaseFields({ values, set, errorOf }: PurchaseFieldsProps) {
  const currency = useCurrency();
  return (
    <Card>
      <CardHeader>
        <CardTitle>Purchase and lifetime</CardTitle>
        <CardDescription>
          Cost and purchase date give the book value; the warranty end drives reminders.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid items-start gap-4 sm:grid-cols-2">
        <DateField
          id="asset-purchase-date"
          label="Purchase date"
          value={values.purchaseDate}
          error={errorOf("purchaseDate")}
          onChange={set("purchaseDate")}
        />
        <FormField
          label="Cost"
          htmlFor="asset-cost"
          error={errorOf("cost")}
          description={`In ${currencyName(currency)}, your organization's currency`}
        >
          <Input
            id="asset-cost"
            inputMode="decimal"
            placeholder="1299.00"
            value={values.cost}
            onChange={(e) => set("cost")(e.target.value)}
          />
        </FormField>
        <FormField label="Vendor" htmlFor="asset-vendor" error={errorOf("vendor")}>
          <Input
            id="asset-vendor"
            limit={assetTextLimits.vendor}
            value={values.vendor}
            onChange={(e) => set("vendor")(e.target.value)}
          />
        </FormField>
        <FormField label="Order number" htmlFor="asset-order" error={errorOf("orderNumber")}>
          <Input
            id="asset-order"
            limit={assetTextLimits.orderNumber}
            value={values.orderNumber}
            onChange={(e) => set("orderNumber")(e.target.value)}
          />
        </FormField>
        <DateField
          id="asset-warranty-end"
          label="Warranty ends"
          value={values.warrantyEnd}
          error={errorOf("warrantyEnd")}
          onChange={set("warrantyEnd")}
        />
        <DateField
          id="asset-end-of-life"
          label="End of life"
          value={values.endOfLife}
          error={errorOf("endOfLife")}
          onChange={set("endOfLife")}
        />
        <FormField label="Notes" htmlFor="asset-notes" error={errorOf("notes")} className="sm:col-span-2">
          <Textarea
            id="asset-notes"
            limit={assetTextLimits.notes}
            rows={3}
            value={values.notes}
            onChange={(e) => set("notes")(e.target.value)}
          />
        </FormField>
      </CardContent>
    </Card>
  );
}

function DateField(props: {
  id: string;
  label: string;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) {
  return (
    <FormField label={props.label} htmlFor={props.id} error={props.error}>
      <DateInput id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)} />
    </FormField>
  );
}
