"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import { AssetForm } from "../../asset-form";
import { valuesFromAsset } from "../../asset-form-values";

/**
 * Edits an asset against the version it was loaded at: if someone else saved in between, the save
 * is refused and the form offers their version instead of silently overwriting it.
 */
export function EditAssetForm({ assetId }: { assetId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const current = useSuspenseQuery(trpc.assets.get.queryOptions({ assetId }));
  const [base, setBase] = useState(current.data);
  const update = useMutation(
    trpc.assets.update.mutationOptions({
      onSuccess: (result) => {
        void queryClient.invalidateQueries(trpc.assets.pathFilter());
        void queryClient.invalidateQueries(trpc.audit.pathFilter());
        notifySuccess("asset-saved", result.changed.length ? `${result.tag} saved` : "Nothing changed");
        router.push(`/assets/${assetId}`);
      },
      onError: (error) => {
        if (error.data?.code === "CONFLICT") void current.refetch();
      },
    }),
  );
  const stale = update.isError && current.data.version !== base.version;

  return (
    <AssetForm
      key={base.version}
      mode="edit"
      initial={valuesFromAsset(base)}
      submitLabel="Save changes"
      pending={update.isPending || update.isSuccess}
      error={stale ? null : update.error}
      onSubmit={(payload) => update.mutate({ ...payload, assetId, expectedVersion: base.version })}
      onCancel={() => router.push(`/assets/${assetId}`)}
      notice={
        stale ? (
          <Alert variant="destructive">
            <AlertTitle>Someone else changed this asset</AlertTitle>
            <AlertDescription>
              {update.error?.message} Load their version to edit it; your changes here will be discarded.
              <Button
                type="button"
                variant="outline"
                size="sm"
                onClick={() => {
                  update.reset();
                  setBase(current.data);
                }}
              >
                Load the latest version
              </Button>
            </AlertDescription>
          </Alert>
        ) : null
      }
    />
  );
}
