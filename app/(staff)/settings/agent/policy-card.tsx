"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormError } from "@/app/_components/form-error";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useSubmission } from "@/app/_lib/use-submission";
import { useTRPC } from "@/app/_trpc/client";

const policies = [
  { value: "review", label: "Queue them for review (discovered devices)" },
  { value: "create_in_stock", label: "Create them in stock (category from the chassis type)" },
];

/** What an unknown device becomes, and after how many days a silent device counts as stale. */
export function AgentPolicyCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.agent.overview.queryOptions());
  const [policy, setPolicy] = useState<string>(data.settings.unknownDevices);
  const [staleDays, setStaleDays] = useState(String(data.settings.staleDays));
  const update = useMutation(trpc.agent.updateSettings.mutationOptions());
  const { error, pending, submit } = useSubmission();
  const messages = mutationMessages(error, ["unknownDevices", "staleDays"]);

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const saved = await submit(() =>
      update.mutateAsync({
        unknownDevices: policy as "review" | "create_in_stock",
        staleDays: Number(staleDays),
      }),
    );
    if (!saved) return;
    await queryClient.invalidateQueries({ queryKey: trpc.agent.overview.queryKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.agent.devices.queryKey() });
    notifySuccess("agent-settings", "Agent settings saved");
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>Unknown and stale devices</CardTitle>
        <CardDescription>
          {data.pendingCount > 0 ? (
            <Link href="/assets/discovered" className="underline underline-offset-4">
              {data.pendingCount} discovered {data.pendingCount === 1 ? "device waits" : "devices wait"} for
              review
            </Link>
          ) : (
            "No discovered device waits for review."
          )}{" "}
          <span role="status">
            {data.staleCount} {data.staleCount === 1 ? "device has" : "devices have"} not checked in for{" "}
            {data.settings.staleDays} days.
          </span>
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form className="grid max-w-xl gap-4" onSubmit={save} aria-label="Agent settings" noValidate>
          <FormField
            label="A device that matches no asset"
            htmlFor="agent-policy"
            error={messages.field("unknownDevices")}
            description="Matching tries the serial number, then the network cards' MAC addresses, then the hostname."
          >
            <ChoiceSelect id="agent-policy" value={policy} onChange={setPolicy} choices={policies} />
          </FormField>
          <FormField
            label="Stale after (days without a check-in)"
            htmlFor="agent-stale"
            error={messages.field("staleDays")}
          >
            <Input
              id="agent-stale"
              type="number"
              inputMode="numeric"
              min={1}
              max={365}
              value={staleDays}
              onChange={(event) => setStaleDays(event.target.value)}
            />
          </FormField>
          <FormError message={messages.form} />
          <div>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save agent settings"}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
