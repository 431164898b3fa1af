"use client";

import { useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
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
    toast.success(message);
    onClose();
  };
}

type FieldErrors = Record<string, string[] | undefined> | undefined;

/** The first zod message for a field, or the server's message when no field explains it. */
export function errorsOf(
  error: { message: string; data?: { zodError?: { fieldErrors: FieldErrors } | null } | null } | null,
) {
  const fields = error?.data?.zodError?.fieldErrors;
  const field = (name: string) => fields?.[name]?.[0];
  const general = error && !fields ? error.message : error && fields ? "Check the fields above." : null;
  return { field, general };
}
