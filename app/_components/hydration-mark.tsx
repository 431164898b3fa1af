"use client";

import { useEffect } from "react";

/**
 * Marks the document once React has hydrated it, so a browser test (or anyone scripting the page)
 * can wait for the moment clicks start doing something instead of guessing with retries.
 */
export function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}
