"use client";

import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/app/_components/ui/dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { canContain, type LocationKind, locationKinds } from "@/server/reference/location-tree";
import { FormAlert, fieldError, formError, type MutationError } from "../_components/reference-ui";

export type LocationValues = { name: string; kind: LocationKind; code: string | null };
const kindNames: Record<LocationKind, string> = {
  site: "Site",
  building: "Building",
  floor: "Floor",
  room: "Room",
};
export const kindName = (kind: LocationKind) => kindNames[kind];

/** Add a location (at the top, or inside `parent`) or edit one. Only kinds below the parent's are offered. */
export function LocationDialog({
  parent,
  location,
  onClose,
  save,
}: {
  parent?: { name: string; kind: LocationKind } | null;
  location?: LocationValues;
  onClose: () => void;
  save: (values: LocationValues) => Promise<unknown>;
}) {
  const kinds = locationKinds.filter((kind) => !parent || canContain(parent.kind, kind));
  const [name, setName] = useState(location?.name ?? "");
  const [kind, setKind] = useState<LocationKind>(location?.kind ?? kinds[0] ?? "site");
  const [code, setCode] = useState(location?.code ?? "");
  const [localError, setLocalError] = useState<string>();
  const [error, setError] = useState<MutationError>(null);
  const [pending, setPending] = useState(false);
  const title = location
    ? `Edit ${location.name}`
    : parent
      ? `Add a location inside ${parent.name}`
      : "Add a site";

  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>
            A location's kind must be below its parent's: site, building, floor, room.
          </DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            if (!name.trim()) {
              setLocalError("Enter a name");
              return;
            }
            setLocalError(undefined);
            setPending(true);
            setError(null);
            try {
              await save({ name: name.trim(), kind, code: code.trim() || null });
              onClose();
            } catch (caught) {
              setError(caught as MutationError);
            } finally {
              setPending(false);
            }
          }}
        >
          <FormField
            label="Name"
            htmlFor="location-name"
            required
            error={localError ?? fieldError(error, "name")}
          >
            <Input
              id="location-name"
              value={name}
              maxLength={120}
              autoFocus
              onChange={(e) => setName(e.target.value)}
            />
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="Kind" htmlFor="location-kind" error={fieldError(error, "kind")}>
              <Select value={kind} onValueChange={(value) => setKind(value as LocationKind)}>
                <SelectTrigger id="location-kind" className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {(location ? locationKinds : kinds).map((option) => (
                    <SelectItem key={option} value={option}>
                      {kindName(option)}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </FormField>
            <FormField
              label="Code"
              htmlFor="location-code"
              description="Optional, e.g. SF-A-301"
              error={fieldError(error, "code")}
            >
              <Input
                id="location-code"
                value={code}
                maxLength={32}
                onChange={(e) => setCode(e.target.value)}
              />
            </FormField>
          </div>
          <FormAlert message={error?.data?.zodError ? undefined : formError(error)} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {location ? "Save" : "Add location"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
