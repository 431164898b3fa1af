"use client";

import { useQueryClient } from "@tanstack/react-query";
import { CircleAlert } from "lucide-react";
import { Alert, AlertDescription } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Checkbox } from "@/app/_components/ui/checkbox";
import { Label } from "@/app/_components/ui/label";
import { useTRPC } from "@/app/_trpc/client";

/** What the tRPC client hands back on failure (only the parts forms read). */
export type MutationError = {
  message: string;
  data?: {
    appCode?: string | null;
    zodError?: { formErrors: string[]; fieldErrors: Record<string, string[] | undefined> } | null;
  } | null;
} | null;

/** The server's message for one input field (zod validation), if any. */
export const fieldError = (error: MutationError, field: string): string | undefined =>
  error?.data?.zodError?.fieldErrors?.[field]?.[0];

/** A failure that is not about one field: shown above the form's buttons. */
export const formError = (error: MutationError): string | undefined =>
  error && !error.data?.zodError ? error.message : error?.data?.zodError?.formErrors?.[0];

/** After any reference change, every reference list (pickers included) is stale. */
export function useRefreshReference() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.reference.pathKey() });
}

export function FormAlert({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <Alert variant="destructive">
      <CircleAlert aria-hidden />
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}

export function ShowArchivedToggle({
  id,
  checked,
  onChange,
}: {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className="flex items-center gap-2">
      <Checkbox id={id} checked={checked} onCheckedChange={(value) => onChange(value === true)} />
      <Label htmlFor={id} className="font-normal text-sm">
        Show archived
      </Label>
    </div>
  );
}

export function ArchivedBadge({ archivedAt }: { archivedAt: Date | null }) {
  return archivedAt ? <Badge variant="secondary">Archived</Badge> : null;
}

export const countLabel = (count: number, one: string, many: string) =>
  `${count} ${count === 1 ? one : many}`;
