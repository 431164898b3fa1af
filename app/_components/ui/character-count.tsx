"use client";

import { useState } from "react";
import { cn } from "@/app/_lib/cn";

/** The counter shows from this share of the limit on, so short text stays uncluttered. */
const SHOW_FROM = 0.8;

type Counted = {
  id?: string;
  value?: string | number | readonly string[];
  defaultValue?: string | number | readonly string[];
  "aria-describedby"?: string;
  "aria-invalid"?: React.AriaAttributes["aria-invalid"];
};

/**
 * A text control's limit where the person types: a counter near the limit that turns into an
 * error past it. Nothing is cut (a pasted 300-character name is not silently shortened to the
 * limit); the server refuses it with the same limit, named, under the field.
 */
export function useCharacterLimit<P extends Counted>(limit: number | undefined, props: P) {
  const controlled = props.value !== undefined;
  const [typed, setTyped] = useState(String(props.defaultValue ?? "").length);
  const length = controlled ? String(props.value).length : typed;
  if (!limit) return { controlProps: props, counter: null, track: undefined };
  const counterId = props.id ? `${props.id}-count` : undefined;
  const over = length > limit;
  const shown = length >= limit * SHOW_FROM;
  const describedBy = [props["aria-describedby"], shown ? counterId : undefined].filter(Boolean).join(" ");
  return {
    controlProps: {
      ...props,
      "aria-describedby": describedBy || undefined,
      "aria-invalid": over ? true : props["aria-invalid"],
    },
    track: controlled ? undefined : (next: string) => setTyped(next.length),
    counter: shown ? (
      <p
        id={counterId}
        data-slot="character-count"
        aria-live="polite"
        className={cn(
          "text-right text-xs tabular-nums",
          over ? "font-medium text-destructive" : "text-muted-foreground",
        )}
      >
        {over
          ? `${(length - limit).toLocaleString("en")} over the limit of ${limit.toLocaleString("en")} characters`
          : `${length.toLocaleString("en")} / ${limit.toLocaleString("en")}`}
      </p>
    ) : null,
  };
}
