"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { MappingCard } from "@/app/_components/csv-import/mapping-card";
import { mutationMessages } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_trpc/client";
import { CancelImportButton } from "./cancel-import-button";
import type { ImportView } from "./import-types";

/** Step 2: each column to an asset field (MappingCard), then the dry run. */
export function MappingTable({ view }: { view: ImportView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const validate = useMutation(
    trpc.assets.import.validate.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.assets.import.get.queryKey({ importId: view.id }), next);
        void queryClient.invalidateQueries({ queryKey: trpc.assets.import.problems.pathKey() });
      },
    }),
  );
  // once validated, the confirm panel below offers the cancel
  return (
    <MappingCard
      view={view}
      description="Each column fills one asset field; Category and a Name (or Model) are required. Assigned to takes a work email or an employee number."
      fieldHeading="Asset field"
      onRun={(columns) => validate.mutate({ importId: view.id, columns })}
      pending={validate.isPending}
      error={mutationMessages(validate.error, []).form}
      actions={view.status !== "validated" ? <CancelImportButton view={view} /> : null}
    />
  );
}
