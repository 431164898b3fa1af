"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormDialog } from "@/app/_components/form-dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { actionMessages } from "@/app/_lib/form-errors";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import { NAME_MAX } from "@/server/schemas/primitives";
import { SignaturePad } from "./signature-pad";

type Refusal = { error?: string; fieldErrors?: Record<string, string[] | undefined> } | null;

/** Posts the acceptance to the route that records IP and user agent; its refusal, for the form. */
async function postAcceptance(body: {
  assetId: string;
  signerName: string;
  signature: string | null;
}): Promise<Refusal> {
  const response = await fetch("/api/portal/receipts", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.ok) return null;
  const answer = (await response.json().catch(() => null)) as {
    error?: { message?: string; fields?: Record<string, string[]> };
  } | null;
  return {
    error: answer?.error?.message ?? `The receipt could not be saved (HTTP ${response.status}).`,
    fieldErrors: answer?.error?.fields,
  };
}

/**
 * Accepting an asset: the terms it is lent under (its category's, versioned), the name typed
 * (always: it is printed under the signature and is the keyboard way to sign) and, optionally, a
 * drawn signature. The signed PDF is attached to the asset and to the person.
 */
export function AcceptReceiptDialog({ assetId, onClose }: { assetId: string; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const asset = useQuery(trpc.portal.myAsset.queryOptions({ assetId }));
  const [signerName, setSignerName] = useState("");
  const [signature, setSignature] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<Refusal>(null);
  const errors = actionMessages(refusal, ["signerName"]);

  const submit = async () => {
    setPending(true);
    const refused = await postAcceptance({ assetId, signerName, signature }).catch(
      (error: unknown): Refusal => ({ error: error instanceof Error ? error.message : String(error) }),
    );
    setPending(false);
    setRefusal(refused);
    if (refused) return;
    void queryClient.invalidateQueries(trpc.portal.pathFilter());
    notifySuccess(
      "receipt-accepted",
      `${asset.data?.tag ?? "The asset"} accepted; your signed receipt is ready`,
    );
    onClose();
  };

  return (
    <FormDialog
      title={asset.data ? `Accept ${asset.data.name} (${asset.data.tag})` : "Accept equipment"}
      description="Read the terms, then sign: type your full name, and draw your signature if you like."
      submitLabel="Accept and sign"
      pending={pending}
      error={errors.form ?? (asset.error ? asset.error.message : undefined)}
      submitDisabled={!asset.data}
      onSubmit={submit}
      onClose={onClose}
    >
      {asset.data ? (
        <section aria-label={`Equipment terms, version ${asset.data.terms.version}`} className="grid gap-1">
          <h3 className="text-sm font-medium">Equipment terms (version {asset.data.terms.version})</h3>
          <div className="max-h-40 overflow-y-auto whitespace-pre-line rounded-md border bg-muted/40 p-3 text-sm">
            {asset.data.terms.body}
          </div>
        </section>
      ) : null}
      <FormField
        label="Your full name"
        htmlFor="receipt-signer"
        required
        error={errors.field("signerName")}
        description="Typing your name signs the receipt; a drawn signature is optional."
      >
        <Input
          id="receipt-signer"
          autoComplete="name"
          limit={NAME_MAX}
          value={signerName}
          onChange={(event) => setSignerName(event.target.value)}
        />
      </FormField>
      <div className="grid gap-2">
        <span className="text-sm font-medium">Signature (optional)</span>
        <SignaturePad onChange={setSignature} />
      </div>
    </FormDialog>
  );
}
