"use client";

import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormDialog } from "@/app/_components/form-dialog";
import { DateTime } from "@/app/_components/time-zone";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { mutationMessages } from "@/app/_lib/form-errors";
import { notifySuccess, toastOutcome } from "@/app/_lib/mutation-feedback";
import { useSubmission } from "@/app/_lib/use-submission";
import { useTRPC } from "@/app/_trpc/client";
import { ASSET_SEARCH_MAX } from "@/server/assets/list/schemas";
import { assetTextLimits } from "@/server/assets/schemas";

type Device = {
  id: string;
  hostname: string;
  serial: string | null;
  suggestedCategoryId: string | null;
};

function AcceptDialog({
  device,
  onClose,
  onDone,
}: {
  device: Device;
  onClose: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const categories = useSuspenseQuery(trpc.reference.categories.queryOptions()).data;
  const [categoryId, setCategoryId] = useState(device.suggestedCategoryId ?? "");
  const [name, setName] = useState(device.hostname);
  const accept = useMutation(trpc.agent.accept.mutationOptions());
  const { error, pending, submit } = useSubmission();
  const messages = mutationMessages(error, ["categoryId", "name", "serial"]);
  return (
    <FormDialog
      title={`Accept ${device.hostname} as an asset`}
      description="It is registered in stock with its serial number and software, and stays linked to this device."
      submitLabel="Accept as asset"
      pending={pending}
      error={messages.form}
      onClose={onClose}
      onSubmit={async () => {
        let tag = "";
        let assetId = "";
        const ok = await submit(async () => {
          const accepted = await accept.mutateAsync({ deviceId: device.id, categoryId, name });
          tag = accepted.tag;
          assetId = accepted.assetId;
        });
        if (!ok) return;
        notifySuccess("agent-accept", `${device.hostname} is now asset ${tag}`, {
          action: { label: "Open", onClick: () => router.push(`/assets/${assetId}`) },
        });
        onDone();
      }}
    >
      <FormField label="Name" htmlFor="accept-name" error={messages.field("name")}>
        <Input
          id="accept-name"
          value={name}
          limit={assetTextLimits.name}
          onChange={(event) => setName(event.target.value)}
        />
      </FormField>
      <FormField
        label="Category"
        htmlFor="accept-category"
        error={messages.field("categoryId")}
        description={
          device.suggestedCategoryId ? "Suggested from the chassis type the agent reported" : undefined
        }
      >
        <ChoiceSelect
          id="accept-category"
          value={categoryId}
          onChange={setCategoryId}
          placeholder="Choose a category"
          choices={categories.map((category) => ({ value: category.id, label: category.name }))}
        />
      </FormField>
    </FormDialog>
  );
}

function LinkDialog({
  device,
  onClose,
  onDone,
}: {
  device: Device;
  onClose: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const [q, setQ] = useState(device.serial ?? device.hostname);
  const [assetId, setAssetId] = useState("");
  const found = useQuery(trpc.assets.list.queryOptions({ q: q.trim() || undefined, pageSize: 10 }));
  const link = useMutation(trpc.agent.link.mutationOptions());
  const { error, pending, submit } = useSubmission();
  const messages = mutationMessages(error, ["assetId"]);
  return (
    <FormDialog
      title={`Link ${device.hostname} to an asset`}
      description="The device is that asset: its facts and software are recorded on it from now on."
      submitLabel="Link device"
      pending={pending}
      error={messages.form}
      submitDisabled={!assetId}
      onClose={onClose}
      onSubmit={async () => {
        if (await submit(() => link.mutateAsync({ deviceId: device.id, assetId }))) {
          notifySuccess("agent-link", `${device.hostname} linked`);
          onDone();
        }
      }}
    >
      <FormField label="Find the asset" htmlFor="link-search" description="Tag, serial number or name">
        <Input
          id="link-search"
          value={q}
          limit={ASSET_SEARCH_MAX}
          onChange={(event) => setQ(event.target.value)}
        />
      </FormField>
      <FormField label="Asset" htmlFor="link-asset" error={messages.field("assetId")}>
        <ChoiceSelect
          id="link-asset"
          value={assetId}
          onChange={setAssetId}
          placeholder={found.data?.items.length === 0 ? "No asset matches" : "Choose the asset"}
          choices={(found.data?.items ?? []).map((asset) => ({
            value: asset.id,
            label: `${asset.tag} · ${asset.name}${asset.serial ? ` · ${asset.serial}` : ""}`,
          }))}
        />
      </FormField>
    </FormDialog>
  );
}

function Fact({ label, value }: { label: string; value: string | number | null }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-sm">{value ?? "—"}</dd>
    </div>
  );
}

/** The review queue: each discovered device with what the agent reported, and what to do with it. */
export function DiscoveredList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: devices } = useSuspenseQuery(trpc.agent.discovered.queryOptions());
  const [dialog, setDialog] = useState<{ kind: "accept" | "link"; device: Device } | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.agent.discovered.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.assets.list.queryKey() }),
    ]);
  const ignore = useMutation(trpc.agent.ignore.mutationOptions(toastOutcome("Device ignored", refresh)));
  const done = () => {
    setDialog(null);
    void refresh();
  };

  if (devices.length === 0) {
    return (
      <p className="text-sm text-muted-foreground" role="status">
        No discovered device waits for review. Devices the agent cannot match to an asset appear here.
      </p>
    );
  }
  return (
    <>
      <ul aria-label="Discovered devices" className="grid gap-4">
        {devices.map((device) => (
          <li key={device.id}>
            <Card>
              <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
                <CardTitle>
                  <h2 className="font-mono">{device.hostname}</h2>
                </CardTitle>
                <div className="flex flex-wrap gap-2">
                  <Button onClick={() => setDialog({ kind: "accept", device })}>Accept as asset</Button>
                  <Button variant="outline" onClick={() => setDialog({ kind: "link", device })}>
                    Link to existing asset
                  </Button>
                  <Button
                    variant="ghost"
                    disabled={ignore.isPending}
                    onClick={() => ignore.mutate({ deviceId: device.id })}
                    aria-label={`Ignore ${device.hostname}`}
                  >
                    Ignore
                  </Button>
                </div>
              </CardHeader>
              <CardContent>
                <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
                  <Fact label="Serial" value={device.serial} />
                  <Fact
                    label="Vendor · model"
                    value={[device.vendor, device.model].filter(Boolean).join(" ") || null}
                  />
                  <Fact label="Chassis" value={device.chassisType} />
                  <Fact label="CPU" value={device.cpu} />
                  <Fact label="Memory" value={device.memory} />
                  <Fact label="Operating system" value={device.os} />
                  <Fact label="Software" value={`${device.softwareCount} packages`} />
                  <Fact label="MAC addresses" value={device.macs.join(", ") || null} />
                  <Fact label="Last user" value={device.lastUser} />
                  <div className="grid gap-0.5">
                    <dt className="text-xs text-muted-foreground">Last seen</dt>
                    <dd className="text-sm">
                      <DateTime value={device.lastSeenAt} />
                    </dd>
                  </div>
                </dl>
              </CardContent>
            </Card>
          </li>
        ))}
      </ul>
      {dialog?.kind === "accept" ? (
        <AcceptDialog device={dialog.device} onClose={() => setDialog(null)} onDone={done} />
      ) : null}
      {dialog?.kind === "link" ? (
        <LinkDialog device={dialog.device} onClose={() => setDialog(null)} onDone={done} />
      ) : null}
    </>
  );
}
