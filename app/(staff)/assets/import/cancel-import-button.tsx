"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { CancelImportDialog, NOTHING_WRITTEN_YET } from "@/app/_components/csv-import/cancel-import-dialog";
import { formatCount } from "@/app/_lib/format";
import { useTRPC } from "@/app/_trpc/client";
import type { ImportView } from "./import-types";

/** What cancelling does to this import, said before the user confirms it. */
function consequence(view: ImportView): string {
  if (view.status !== "importing") return NOTHING_WRITTEN_YET;
  if (view.mode === "all_or_nothing") {
    return "The import stops and the rows it has written so far (not yet visible to anyone) are deleted: no asset is imported.";
  }
  return `The import stops before its next batch. The ${formatCount(view.importedRows)} assets written so far (and any in the batch being written) stay; the remaining rows are not imported.`;
}

/** "Cancel import", with a confirmation that says what stays; the page then shows the cancelled import. */
export function CancelImportButton({ view }: { view: ImportView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cancel = useMutation(
    trpc.assets.import.cancel.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.assets.import.get.queryKey({ importId: view.id }), next);
        void queryClient.invalidateQueries({ queryKey: trpc.assets.import.list.queryKey() });
      },
      onError: (error) => {
        toast.error(error.message);
        void queryClient.invalidateQueries({
          queryKey: trpc.assets.import.get.queryKey({ importId: view.id }),
        });
      },
    }),
  );
  // Publishing an all_or_nothing import cannot be stopped (the server refuses too).
  if (view.publishing) return null;
  return (
    <CancelImportDialog
      fileName={view.fileName}
      consequence={consequence(view)}
      importing={view.status === "importing"}
      pending={cancel.isPending}
      onCancel={() => cancel.mutate({ importId: view.id })}
    />
  );
}
