"use client";

import type { ReactNode } from "react";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/app/_components/ui/select";

/** Radix Select cannot hold "" as an item's value, so the empty choice travels under this one. */
const EMPTY = "__empty";

export type Choice = { value: string; label: ReactNode };

type ChoiceSelectProps = {
  id: string;
  /** The chosen value; "" for the empty choice (or nothing chosen yet). */
  value: string;
  onChange: (value: string) => void;
  choices: readonly Choice[];
  /** The label of an empty choice ("No location"), which reads back as "". */
  empty?: string;
  /** Shown while nothing is chosen and there is no empty choice. */
  placeholder?: string;
  disabled?: boolean;
  className?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  "aria-required"?: true;
};

/**
 * A select over a list of choices, optionally with an empty one: the one way forms pick a record
 * (a location, a department, a category). FormField's aria attributes reach the trigger.
 */
export function ChoiceSelect({
  id,
  value,
  onChange,
  choices,
  empty,
  placeholder,
  disabled,
  className = "w-full",
  ...aria
}: ChoiceSelectProps) {
  const selected = value === "" && empty !== undefined ? EMPTY : value || undefined;
  return (
    <Select
      value={selected}
      onValueChange={(next) => onChange(next === EMPTY ? "" : next)}
      disabled={disabled}
    >
      <SelectTrigger id={id} className={className} {...aria}>
        <SelectValue placeholder={placeholder} />
      </SelectTrigger>
      <SelectContent>
        {empty !== undefined ? <SelectItem value={EMPTY}>{empty}</SelectItem> : null}
        {choices.map((choice) => (
          <SelectItem key={choice.value} value={choice.value}>
            {choice.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

/** Named records (departments, categories, manufacturers, ...) as choices, by name. */
export const recordChoices = (records: ReadonlyArray<{ id: string; name: string }>): Choice[] =>
  records.map((record) => ({ value: record.id, label: record.name }));
