"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/app/_components/ui/button";
import { notifySuccess } from "@/app/_lib/mutation-feedback";
import { useTRPC } from "@/app/_trpc/client";

/**
 * "Sync now" (or "Full resync"): starts a run and hands back its id. While a run of this
 * integration is going the button is disabled and says "Syncing…"; a second press elsewhere at
 * the same moment is refused by the server with a sentence that names the running sync.
 */
export function SyncButton({
  integration,
  running,
  disabled = false,
  full = false,
  variant = "default",
  size = "default",
  onStarted,
}: {
  integration: { id: string; name: string };
  running: boolean;
  /** A disabled integration does not sync until it is enabled again (the server refuses). */
  disabled?: boolean;
  full?: boolean;
  variant?: "default" | "outline";
  size?: "default" | "sm";
  onStarted?: (runId: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sync = useMutation(
    trpc.integrations.syncNow.mutationOptions({
      onSuccess: ({ runId }) => {
        notifySuccess(
          "sync-started",
          full ? `Full resync of ${integration.name} started` : `Sync of ${integration.name} started`,
        );
        onStarted?.(runId);
        void queryClient.invalidateQueries({ queryKey: trpc.integrations.pathKey() });
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  const busy = running || sync.isPending;
  const label = full ? "Full resync" : "Sync now";
  return (
    <Button
      variant={variant}
      size={size}
      disabled={busy || disabled}
      onClick={() => sync.mutate({ id: integration.id, full })}
    >
      <RefreshCw aria-hidden className={busy ? "motion-safe:animate-spin" : undefined} />
      {busy ? "Syncing…" : label}
      <span className="sr-only"> {integration.name}</span>
    </Button>
  );
}
