"use client";

import { useMutation } from "@tanstack/react-query";
import { CsvUploadCard } from "@/app/_components/csv-import/csv-upload-card";
import { mutationMessages } from "@/app/_lib/form-errors";
import { useTRPC } from "@/app/_trpc/client";

/** Step 1: the asset CSV is uploaded; the page then shows its mapping. */
export function UploadStep({ onUploaded }: { onUploaded: (importId: string) => void }) {
  const trpc = useTRPC();
  const upload = useMutation(
    trpc.assets.import.upload.mutationOptions({ onSuccess: (view) => onUploaded(view.id) }),
  );
  return (
    <CsvUploadCard
      description="The first line names the columns. Commas or semicolons, quoted cells and a UTF-8 byte order mark are all fine; blank lines are skipped. Up to 25 MB (about 100,000 rows)."
      onFile={(file) => upload.mutate(file)}
      pending={upload.isPending}
      error={mutationMessages(upload.error, []).form}
    />
  );
}
