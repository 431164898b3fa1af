"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
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
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { locationOptions } from "@/app/_lib/location-labels";
import { useTRPC } from "@/app/_trpc/client";

/** Choose the location to count; the audit page opens for scanning. */
export function StartAuditDialog() {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [locationId, setLocationId] = useState<string>("");
  const [problem, setProblem] = useState<string | null>(null);
  const { data: locations = [] } = useQuery({ ...trpc.reference.locations.queryOptions(), enabled: open });
  const start = useMutation(
    trpc.assets.audits.start.mutationOptions({
      onSuccess: ({ id }) => router.push(`/assets/audits/${id}`),
      onError: (error) => setProblem(error.message),
    }),
  );
  const options = locationOptions(locations);

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
          <Select value={locationId} onValueChange={setLocationId}>
            <SelectTrigger id="audit-location" className="w-full">
              <SelectValue placeholder="Choose a location" />
            </SelectTrigger>
            <SelectContent>
              {options.map((option) => (
                <SelectItem key={option.id} value={option.id}>
                  {option.label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          {problem ? (
            <p role="alert" className="text-destructive text-sm">
              {problem}
            </p>
          ) : null}
        </div>
        <DialogFooter>
          <Button
            disabled={!locationId || start.isPending}
            onClick={() => {
              setProblem(null);
              start.mutate({ locationId });
            }}
          >
            {start.isPending ? "Starting…" : "Start audit"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
