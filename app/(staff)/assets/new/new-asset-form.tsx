"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";
import { AssetForm } from "../asset-form";
import { emptyAssetValues } from "../asset-form-values";

export function NewAssetForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.assets.create.mutationOptions({
      onSuccess: (asset) => {
        void queryClient.invalidateQueries(trpc.assets.list.pathFilter());
        notifySuccess("asset-created", `${asset.tag} created`);
        router.push(`/assets/${asset.id}`);
      },
    }),
  );
  return (
    <AssetForm
      mode="create"
      initial={emptyAssetValues}
      submitLabel="Create asset"
      pending={create.isPending || create.isSuccess}
      error={create.error}
      onSubmit={(payload) => create.mutate(payload)}
      onCancel={() => router.push("/assets")}
    />
  );
}
