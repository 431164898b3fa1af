"use client";

import type * as React from "react";
import { cn } from "@/app/_lib/cn";
import { useCharacterLimit } from "./character-count";

type TextareaProps = React.ComponentProps<"textarea"> & {
  /** The most characters the field takes: a counter near it, an error past it (see character-count). */
  limit?: number;
};

function Textarea({ className, limit, onChange, ...rest }: TextareaProps) {
  const { controlProps, counter, track } = useCharacterLimit(limit, rest);
  const textarea = (
    <textarea
      data-slot="textarea"
      className={cn(
        "flex field-sizing-content min-h-16 w-full rounded-md border border-input bg-background px-3 py-2 text-base shadow-xs outline-none transition-[color,box-shadow] placeholder:text-muted-foreground disabled:cursor-not-allowed disabled:opacity-50 md:text-sm dark:bg-input/30",
        "focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring/60",
        "aria-invalid:border-destructive aria-invalid:ring-destructive/30 aria-invalid:focus-visible:ring-destructive/50",
        className,
      )}
      onChange={(event) => {
        track?.(event.target.value);
        onChange?.(event);
      }}
      {...controlProps}
    />
  );
  if (!limit) return textarea;
  return (
    <div data-slot="limited-input" className="grid min-w-0 gap-1">
      {textarea}
      {counter}
    </div>
  );
}

export { Textarea };
