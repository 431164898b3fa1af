"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ChoiceSelect } from "@/app/_components/choice-select";
import { FormDialog } from "@/app/_components/form-dialog";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { mutationMessages } from "@/app/_lib/form-errors";
import { useSubmission } from "@/app/_lib/use-submission";
import { useTRPC } from "@/app/_trpc/client";
import { canContain, type LocationKind, locationKinds } from "@/server/reference/locations/location-tree";

export type LocationValues = {
  name: string;
  kind: LocationKind;
  code: string | null;
  itContactUserId: string | null;
};
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
  location?: Omit<LocationValues, "itContactUserId"> & { itContact: { id: string } | null };
  onClose: () => void;
  save: (values: LocationValues) => Promise<unknown>;
}) {
  const kinds = locationKinds.filter((kind) => !parent || canContain(parent.kind, kind));
  const [name, setName] = useState(location?.name ?? "");
  const [kind, setKind] = useState<LocationKind>(location?.kind ?? kinds[0] ?? "site");
  const [code, setCode] = useState(location?.code ?? "");
  const [itContactUserId, setItContactUserId] = useState(location?.itContact?.id ?? "");
  // Whoever may do assigned work: the people a step for "the location's IT contact" can go to.
  const people = useQuery(useTRPC().workflows.assignees.queryOptions()).data ?? [];
  const contacts = people.filter((person) => person.role !== "auditor");
  const [localError, setLocalError] = useState<string>();
  const { error, pending, submit } = useSubmission();
  const errors = mutationMessages(error, ["name", "kind", "code", "itContactUserId"]);
  const title = location
    ? `Edit ${location.name}`
    : parent
      ? `Add a location inside ${parent.name}`
      : "Add a site";

  return (
    <FormDialog
      title={title}
      description="A location's kind must be below its parent's: site, building, floor, room."
      submitLabel={location ? "Save" : "Add location"}
      pending={pending}
      error={errors.form}
      onClose={onClose}
      onSubmit={async () => {
        setLocalError(name.trim() ? undefined : "Enter a name");
        const values = {
          name: name.trim(),
          kind,
          code: code.trim() || null,
          itContactUserId: itContactUserId || null,
        };
        if (name.trim() && (await submit(() => save(values)))) onClose();
      }}
    >
      <FormField label="Name" htmlFor="location-name" required error={localError ?? errors.field("name")}>
        <Input
          id="location-name"
          value={name}
          limit={120}
          autoFocus
          onChange={(e) => setName(e.target.value)}
        />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Kind" htmlFor="location-kind" error={errors.field("kind")}>
          <ChoiceSelect
            id="location-kind"
            value={kind}
            onChange={(value) => setKind(value as LocationKind)}
            choices={(location ? locationKinds : kinds).map((option) => ({
              value: option,
              label: kindName(option),
            }))}
          />
        </FormField>
        <FormField
          label="Code"
          htmlFor="location-code"
          description="Optional, e.g. SF-A-301"
          error={errors.field("code")}
        >
          <Input id="location-code" value={code} limit={32} onChange={(e) => setCode(e.target.value)} />
        </FormField>
      </div>
      <FormField
        label="IT contact"
        htmlFor="location-it-contact"
        description="Workflow steps for the location's IT contact go to them; without one, to IT staff."
        error={errors.field("itContactUserId")}
      >
        <ChoiceSelect
          id="location-it-contact"
          value={itContactUserId}
          onChange={setItContactUserId}
          empty="None (IT staff)"
          choices={contacts.map((person) => ({ value: person.id, label: person.name }))}
        />
      </FormField>
    </FormDialog>
  );
}
