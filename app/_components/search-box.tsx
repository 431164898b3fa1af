"use client";

import { Search } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { Input } from "@/app/_components/ui/input";
import { cn } from "@/app/_lib/cn";
import { useDebouncedValue } from "@/app/_lib/use-debounced-value";

/**
 * Centred on the input (h-9) itself rather than on the box around it, which grows when the
 * character counter shows below the input.
 */
const besideInput = "top-[18px] -translate-y-1/2";

const isEditable = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

/**
 * The list's search box: it queries as the user pauses typing, follows the URL when a filter is
 * cleared elsewhere, and `/` anywhere on the page (outside a text field) jumps into it. `limit` is
 * the longest search the list's query takes, counted as the user types.
 */
export function SearchBox({
  value,
  onSearch,
  label,
  placeholder,
  limit,
}: {
  value: string;
  onSearch: (q: string) => void;
  label: string;
  placeholder: string;
  limit: number;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(value);
  const debounced = useDebouncedValue(text, 300);
  // Read at the moment the typing settles, so a URL change alone never re-sends old text.
  const latest = useRef({ value, onSearch });
  latest.current = { value, onSearch };

  useEffect(() => {
    if (debounced.trim() !== latest.current.value) latest.current.onSearch(debounced.trim());
  }, [debounced]);
  useEffect(() => {
    setText((current) => (current.trim() === value ? current : value));
  }, [value]);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "/" || event.metaKey || event.ctrlKey || event.altKey || isEditable(event.target))
        return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <div className="relative min-w-56 flex-1">
      <Search aria-hidden className={cn("absolute left-2.5 size-4 text-muted-foreground", besideInput)} />
      <Input
        ref={input}
        id={id}
        type="search"
        limit={limit}
        aria-label={label}
        aria-keyshortcuts="/"
        placeholder={placeholder}
        className="pr-8 pl-8"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape" && text) {
            event.preventDefault();
            setText("");
          }
        }}
      />
      <kbd
        aria-hidden
        className={cn(
          "pointer-events-none absolute right-2 rounded border bg-muted px-1.5 font-mono text-[10px] text-muted-foreground",
          besideInput,
        )}
      >
        /
      </kbd>
    </div>
  );
}
