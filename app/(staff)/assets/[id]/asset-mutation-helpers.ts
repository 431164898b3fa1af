"use client";

import { useQueryClient } from "@tanstack/react-query";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";

/**
 * What every lifecycle action does once it succeeds: refresh the asset, its history, the lists and
 * the audit timeline, confirm with a toast and close the dialog.
 */
export function useAfterAssetChange(onClose: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (message: string) => {
    void queryClient.invalidateQueries(trpc.assets.pathFilter());
    void queryClient.invalidateQueries(trpc.employees.pathFilter());
    void queryClient.invalidateQueries(trpc.audit.pathFilter());
    notifySuccess("asset-change", message);
    onClose();
  };
}
