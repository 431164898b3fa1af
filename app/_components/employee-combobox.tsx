"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { type KeyboardEvent, useId, useState } from "react";
import { Input } from "@/app/_components/ui/input";
import { cn } from "@/app/_lib/cn";
import { useDebouncedValue } from "@/app/_lib/use-debounced-value";
import { useTRPC } from "@/app/_trpc/client";
import { EMPLOYEE_SEARCH_MAX } from "@/server/employees/schemas";

export type EmployeeChoice = { id: string; name: string };

type EmployeeComboboxProps = {
  id: string;
  value: EmployeeChoice | null;
  onChange: (employee: EmployeeChoice | null) => void;
  placeholder?: string;
  /** Accessible name when no <label for=id> names it. */
  "aria-label"?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  "aria-required"?: true;
  className?: string;
};

/**
 * Type a name, email or employee number and pick a person (ARIA 1.2 combobox with a listbox
 * popup): arrows move, Enter picks, Escape closes. Terminated employees are not offered.
 */
export function EmployeeCombobox({
  id,
  value,
  onChange,
  placeholder = "Search people…",
  className,
  ...aria
}: EmployeeComboboxProps) {
  const trpc = useTRPC();
  const listId = useId();
  const [text, setText] = useState(value?.name ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [editing, setEditing] = useState(false);
  const q = useDebouncedValue(text.trim(), 200);
  const options = useQuery({
    ...trpc.employees.options.queryOptions({ q: q || undefined }),
    enabled: open,
    placeholderData: keepPreviousData,
  });
  const items = options.data ?? [];
  const shown = editing ? text : (value?.name ?? "");

  const choose = (choice: EmployeeChoice | null) => {
    onChange(choice);
    setText(choice?.name ?? "");
    setEditing(false);
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) return setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current) => (items.length ? (current + step + items.length) % items.length : 0));
    } else if (event.key === "Enter" && open) {
      event.preventDefault();
      const item = items[active];
      if (item) choose({ id: item.id, name: item.name });
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      setEditing(false);
    }
  };
  const activeId = open && items[active] ? `${listId}-${items[active].id}` : undefined;

  return (
    <div className={cn("relative", className)}>
      <Input
        id={id}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        limit={EMPLOYEE_SEARCH_MAX}
        value={shown}
        className={value ? "pr-8" : undefined}
        onChange={(event) => {
          setText(event.target.value);
          setEditing(true);
          setActive(0);
          setOpen(true);
          if (value) onChange(null);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          setEditing(false);
        }}
        onKeyDown={onKeyDown}
        {...aria}
      />
      {value ? (
        <button
          type="button"
          // centred on the input (h-9), not on the box, which grows when the counter shows below
          className="absolute top-[18px] right-2 -translate-y-1/2 rounded-sm p-0.5 text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring"
          aria-label={`Clear ${value.name}`}
          onClick={() => choose(null)}
        >
          <X aria-hidden className="size-4" />
        </button>
      ) : null}
      <div
        id={listId}
        role="listbox"
        aria-label="People"
        hidden={!open}
        className="absolute z-50 mt-1 max-h-64 w-full min-w-56 overflow-auto rounded-md border bg-popover p-1 text-popover-foreground shadow-md"
      >
        {items.length === 0 ? (
          <p className="px-2 py-1.5 text-sm text-muted-foreground">
            {options.isFetching ? "Searching…" : "No one matches"}
          </p>
        ) : (
          items.map((item, index) => (
            // Options take no focus of their own: the input keeps it and points at the active one
            // (aria-activedescendant), so its key handler serves the keyboard for them.
            // biome-ignore lint/a11y/useKeyWithClickEvents: see above
            <div
              key={item.id}
              tabIndex={-1}
              id={`${listId}-${item.id}`}
              role="option"
              aria-selected={index === active}
              className={cn(
                "cursor-default rounded-sm px-2 py-1.5 text-sm",
                index === active && "bg-accent text-accent-foreground",
              )}
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => choose({ id: item.id, name: item.name })}
            >
              <span className="font-medium">{item.name}</span>
              {item.email || item.department ? (
                <span className="block text-xs text-muted-foreground">
                  {[item.email, item.department].filter(Boolean).join(" · ")}
                </span>
              ) : null}
            </div>
          ))
        )}
      </div>
    </div>
  );
}
