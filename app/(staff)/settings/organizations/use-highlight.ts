"use client";

import { useState } from "react";
import { cn } from "@/app/_lib/cn";

/** "Use IT Department": bring the existing row into view and give it focus. */
export function useHighlight(prefix: string) {
  const [highlighted, setHighlighted] = useState<string>();
  const rowId = (id: string) => `${prefix}-${id}`;
  const highlight = (id: string) => {
    setHighlighted(id);
    requestAnimationFrame(() => {
      const row = document.getElementById(rowId(id));
      row?.scrollIntoView({ block: "center" });
      row?.focus();
    });
  };
  /** What a row needs to be found, focused and marked. */
  const rowProps = (id: string) => ({
    id: rowId(id),
    tabIndex: -1,
    className: cn(highlighted === id && "bg-accent"),
  });
  return { highlight, rowProps };
}
