"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Paperclip } from "lucide-react";
import { useCallback } from "react";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { useTRPC } from "@/app/_trpc/client";
import { purposeRules, purposesFor } from "@/server/files/purposes";
import { FileList } from "./file-list";
import type { FileOwner } from "./file-types";
import { FileUploader } from "./file-uploader";

/** "Photos, invoices, warranty documents, signed receipts and documents": what an owner takes. */
function belongsHere(owner: FileOwner): string {
  const labels = purposesFor[owner.type].map((purpose) => purposeRules[purpose].label);
  const listed =
    labels.length > 1 ? `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}` : labels.join("");
  return listed.charAt(0).toUpperCase() + listed.slice(1);
}

/**
 * The "Files" tab of a record: everyone who may read it sees its files; those who manage it
 * (`canManage`) also upload, rename and delete. `acceptPaste` takes screenshots from the clipboard.
 */
export function FilesPanel({
  owner,
  label,
  canManage,
  acceptPaste = false,
}: {
  owner: FileOwner;
  /** What the list is called for screen readers ("Files of LAP-0042"). */
  label: string;
  canManage: boolean;
  acceptPaste?: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const files = useQuery(trpc.files.list.queryOptions({ owner }));
  const refresh = useCallback(
    () => queryClient.invalidateQueries({ queryKey: trpc.files.pathKey() }),
    [queryClient, trpc],
  );

  return (
    <div className="grid gap-4">
      {canManage ? <FileUploader owner={owner} acceptPaste={acceptPaste} onUploaded={refresh} /> : null}
      {files.isError ? (
        <p role="alert" className="text-sm text-destructive">
          {files.error.message}
        </p>
      ) : !files.data ? (
        <Skeleton className="h-24" role="status" aria-label="Loading files" />
      ) : files.data.length === 0 ? (
        <EmptyState
          icon={<Paperclip />}
          title="No files yet"
          description={canManage ? `${belongsHere(owner)} belong here.` : "Nobody has attached a file yet."}
        />
      ) : (
        <FileList files={files.data} label={label} canManage={canManage} onChanged={refresh} />
      )}
    </div>
  );
}
