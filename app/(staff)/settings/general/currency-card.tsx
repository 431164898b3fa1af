"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormError } from "@/app/_components/form-error";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { FormField } from "@/app/_components/ui/form-field";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useSubmission } from "@/app/_lib/use-submission";
import { useTRPC } from "@/app/_trpc/client";
import { currencyName, formatMoney } from "@/server/money";
import { type Currency, currencies } from "@/server/tenants/currency";

const choices = currencies.map((code) => ({ value: code, label: currencyName(code) }));

/** The organization's currency: admins change it, everyone else reads which it is. */
export function CurrencyCard({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: settings } = useSuspenseQuery(trpc.tenants.settings.queryOptions());
  const [currency, setCurrency] = useState<string>(settings.currency);
  const update = useMutation(trpc.tenants.updateSettings.mutationOptions());
  const { error, pending, submit } = useSubmission();
  const messages = mutationMessages(error, ["currency"]);

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const saved = await submit(() => update.mutateAsync({ currency: currency as Currency }));
    if (!saved) return;
    await queryClient.invalidateQueries({ queryKey: trpc.tenants.settings.queryKey() });
    notifySuccess("currency", `Amounts are now shown in ${currencyName(currency)}`);
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>Currency</CardTitle>
        <CardDescription>
          The currency of asset costs and book values, on every page and in exports. Changing it does not
          convert recorded amounts: it says what they mean.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form className="grid max-w-md gap-4" onSubmit={save} aria-label="Currency" noValidate>
          <FormField
            label="Currency"
            htmlFor="tenant-currency"
            error={messages.field("currency")}
            description={`A cost of 1299.50 shows as ${formatMoney("1299.5", currency)}`}
          >
            <ChoiceSelect
              id="tenant-currency"
              value={currency}
              onChange={setCurrency}
              choices={choices}
              disabled={!canManage}
            />
          </FormField>
          <FormError message={messages.form} />
          {canManage ? (
            <div>
              <Button type="submit" disabled={pending || currency === settings.currency}>
                {pending ? "Saving…" : "Save currency"}
              </Button>
            </div>
          ) : (
            <p className="text-sm text-muted-foreground">Only admins can change the currency.</p>
          )}
        </form>
      </CardContent>
    </Card>
  );
}
