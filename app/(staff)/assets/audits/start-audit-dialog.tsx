"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormError } from "@/app/_components/form-error";
import { Button } from "@/app/_components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/app/_components/ui/dialog";
import { Label } from "@/app/_components/ui/label";
import { mutationMessages } from "@/app/_lib/form-errors";
import { locationOptions } from "@/app/_lib/location-labels";
import { useTRPC } from "@/app/_trpc/client";

/** Choose the location to count; the audit page opens for scanning. */
export function StartAuditDialog() {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [locationId, setLocationId] = useState<string>("");
  const { data: locations = [] } = useQuery({ ...trpc.reference.locations.queryOptions(), enabled: open });
  const start = useMutation(
    trpc.assets.audits.start.mutationOptions({
      onSuccess: ({ id }) => router.push(`/assets/audits/${id}`),
    }),
  );

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>Start audit</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Start an audit</DialogTitle>
          <DialogDescription>
            Every asset at the location, or anywhere below it, is expected. Scan what you find; whatever is
            not scanned is reported missing when you close the audit.
          </DialogDescription>
        </DialogHeader>
        <div className="grid gap-2">
          <Label htmlFor="audit-location">Location</Label>
          <ChoiceSelect
            id="audit-location"
            value={locationId}
            onChange={setLocationId}
            placeholder="Choose a location"
            choices={locationOptions(locations)}
          />
          <FormError message={mutationMessages(start.error, []).form} />
        </div>
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)} disabled={start.isPending}>
            Cancel
          </Button>
          <Button disabled={!locationId || start.isPending} onClick={() => start.mutate({ locationId })}>
            {start.isPending ? "Starting…" : "Start audit"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
