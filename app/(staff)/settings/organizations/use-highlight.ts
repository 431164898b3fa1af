"use client";

import { useState } from "react";

/** "Use IT Department": bring the existing row into view and give it focus. */
export function useHighlight(prefix: string) {
  const [highlighted, setHighlighted] = useState<string>();
  const highlight = (id: string) => {
    setHighlighted(id);
    requestAnimationFrame(() => {
      const row = document.getElementById(`${prefix}-${id}`);
      row?.scrollIntoView({ block: "center" });
      row?.focus();
    });
  };
  return { highlighted, highlight, rowId: (id: string) => `${prefix}-${id}` };
}
