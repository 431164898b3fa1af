"use client";

import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/app/_components/ui/alert-dialog";
import { Button } from "@/app/_components/ui/button";

/** "Cancel import" of any kind, with a confirmation that says what stays (`consequence`). */
export function CancelImportDialog({
  fileName,
  consequence,
  importing,
  pending,
  onCancel,
}: {
  fileName: string;
  consequence: string;
  importing: boolean;
  pending: boolean;
  onCancel: () => void;
}) {
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button variant="outline" disabled={pending}>
          {pending ? "Cancelling…" : "Cancel import"}
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Cancel the import of {fileName}?</AlertDialogTitle>
          <AlertDialogDescription>{consequence}</AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>{importing ? "Keep importing" : "Keep it"}</AlertDialogCancel>
          <AlertDialogAction onClick={onCancel}>Cancel import</AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

/** What cancelling does before anything is written, for any kind of import. */
export const NOTHING_WRITTEN_YET =
  "Nothing has been written yet. The import stays in the list of recent imports as cancelled; upload the file again to redo it.";
