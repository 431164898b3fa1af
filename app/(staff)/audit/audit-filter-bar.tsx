"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { FilterX } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { subjectKind } from "@/app/_components/subject-link";
import { useTimeZone } from "@/app/_components/time-zone";
import { Button, buttonVariants } from "@/app/_components/ui/button";
import { Card, CardContent } from "@/app/_components/ui/card";
import { DateInput } from "@/app/_components/ui/date-input";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";
import { humanizeEventName } from "@/app/_lib/format";
import { useTRPC } from "@/app/_trpc/client";
import { AuditFilters } from "@/server/audit/schemas";
import { type AuditSearchFilters, searchParamsFromFilters } from "@/server/audit/search-params";

/** Radix Select has no empty value; these stand for "no filter" and "the several types in the link". */
const ANY = "any";
const SEVERAL = "several";

const fieldsWithErrors = ["entityType", "entity", "from", "to"] as const;
type FieldErrors = Partial<Record<(typeof fieldsWithErrors)[number] | "form", string>>;

export function AuditFilterBar({ applied }: { applied: AuditSearchFilters }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const timeZone = useTimeZone();
  // A shared link counts its days in the sender's zone until the filters are applied again.
  const daysZone = applied.timeZone ?? timeZone;
  const { data: facets } = useSuspenseQuery(trpc.audit.facets.queryOptions());
  const appliedNames = applied.names ?? [];
  const [event, setEvent] = useState(
    appliedNames.length === 0 ? ANY : appliedNames.length === 1 ? (appliedNames[0] ?? ANY) : SEVERAL,
  );
  const [actorId, setActorId] = useState(applied.actorId ?? ANY);
  const [entityType, setEntityType] = useState(applied.entityType ?? ANY);
  // A history link names its record by id; the field shows whatever named the record.
  const [entity, setEntity] = useState(applied.entity ?? applied.entityId ?? "");
  const [from, setFrom] = useState(applied.from ?? "");
  const [to, setTo] = useState(applied.to ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});

  // A shared link may name a type or actor this tenant's menus do not list; keep it choosable.
  const eventOptions = [...new Set([...facets.names, ...(appliedNames.length === 1 ? appliedNames : [])])];
  const entityTypeOptions = [
    ...new Set([...facets.entityTypes, ...(applied.entityType ? [applied.entityType] : [])]),
  ];
  const actorOptions =
    applied.actorId && !facets.actors.some((actor) => actor.id === applied.actorId)
      ? [...facets.actors, { id: applied.actorId, type: "user", label: applied.actorId }]
      : facets.actors;
  const hasFilters = Object.keys(applied).length > 0;

  const apply = (submitEvent: FormEvent<HTMLFormElement>) => {
    submitEvent.preventDefault();
    const next: AuditSearchFilters = {
      names: event === ANY ? undefined : event === SEVERAL ? appliedNames : [event],
      actorId: actorId === ANY ? undefined : actorId,
      entityType: entityType === ANY ? undefined : entityType,
      entity: entity.trim() || undefined,
      from: from || undefined,
      to: to || undefined,
      // Days are the days of the zone the log's times are shown in; the zone travels with the
      // link so everyone sees the same rows.
      timeZone: from || to ? timeZone : undefined,
    };
    const checked = AuditFilters.safeParse(next);
    if (!checked.success) {
      const fieldErrors: FieldErrors = {};
      for (const issue of checked.error.issues) {
        const field = fieldsWithErrors.find((name) => name === issue.path[0]) ?? "form";
        fieldErrors[field] ??= issue.message;
      }
      setErrors(fieldErrors);
      return;
    }
    setErrors({});
    const query = searchParamsFromFilters(next).toString();
    router.push(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };

  return (
    <Card>
      <CardContent>
        <form
          aria-label="Filter the audit log"
          className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3"
          noValidate
          onSubmit={apply}
        >
          <FormField label="Event" htmlFor="audit-event">
            <Select value={event} onValueChange={setEvent}>
              <SelectTrigger id="audit-event" className="w-full">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={ANY}>All events</SelectItem>
                {appliedNames.length > 1 ? (
                  <SelectItem value={SEVERAL}>{appliedNames.map(humanizeEventName).join(", ")}</SelectItem>
                ) : null}
                {eventOptions.map((name) => (
                  <SelectItem key={name} value={name}>
                    {humanizeEventName(name)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </FormField>
          <FormField label="Actor" htmlFor="audit-actor">
            <Select value={actorId} onValueChange={setActorId}>
              <SelectTrigger id="audit-actor" className="w-full">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={ANY}>Anyone</SelectItem>
                {actorOptions.map((actor) => (
                  <SelectItem key={actor.id} value={actor.id}>
                    {actor.label ?? actor.id}
                    {actor.type === "user" ? "" : ` (${actor.type})`}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2 lg:col-span-1">
            <FormField label="From" htmlFor="audit-from" error={errors.from}>
              <DateInput id="audit-from" value={from} onChange={(e) => setFrom(e.target.value)} />
            </FormField>
            <FormField label="To" htmlFor="audit-to" error={errors.to}>
              <DateInput id="audit-to" value={to} onChange={(e) => setTo(e.target.value)} />
            </FormField>
            <p className="text-muted-foreground text-xs sm:col-span-2">
              Days run midnight to midnight, {daysZone}.
            </p>
          </div>
          <FormField label="Kind of record" htmlFor="audit-entity-type" error={errors.entityType}>
            <Select value={entityType} onValueChange={setEntityType}>
              <SelectTrigger id="audit-entity-type" className="w-full">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={ANY}>Any kind</SelectItem>
                {entityTypeOptions.map((type) => (
                  <SelectItem key={type} value={type}>
                    {subjectKind(type)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </FormField>
          <FormField
            label="Record"
            htmlFor="audit-entity"
            error={errors.entity}
            description="An asset tag or name, a person's name or email, or an id"
          >
            <Input
              id="audit-entity"
              value={entity}
              onChange={(e) => setEntity(e.target.value)}
              limit={200}
              autoComplete="off"
              spellCheck={false}
            />
          </FormField>
          <div className="flex flex-wrap items-end gap-2">
            {errors.form ? (
              <p role="alert" className="w-full text-sm font-medium text-destructive">
                {errors.form}
              </p>
            ) : null}
            <Button type="submit">Apply filters</Button>
            {hasFilters ? (
              <Link href={pathname} scroll={false} className={buttonVariants({ variant: "ghost" })}>
                <FilterX aria-hidden /> Clear filters
              </Link>
            ) : null}
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
