"use client";

import { useEffect, useState } from "react";

/** `value`, once it has stopped changing for `delay` ms (search boxes query as the user pauses). */
export function useDebouncedValue<T>(value: T, delay = 250): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}
