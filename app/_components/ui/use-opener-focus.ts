"use client";

import { useState } from "react";

/**
 * Gives focus back to whatever opened a dialog when it closes. Radix returns focus only to a
 * `DialogTrigger`; many of our dialogs are opened by a row's button or a menu item and rendered
 * on demand, so without this focus fell to the page's start and a keyboard user lost their place.
 * The opener is read while the dialog's content first renders, before Radix moves focus into it.
 * A handler of the caller's own runs first and may take over (`preventDefault`); when the opener
 * is gone (the row it sat in was deleted), Radix's own choice stands.
 */
export function useOpenerFocus(handler?: (event: Event) => void) {
  const [opener] = useState(() => (typeof document === "undefined" ? null : document.activeElement));
  return (event: Event) => {
    handler?.(event);
    if (event.defaultPrevented) return;
    if (!(opener instanceof HTMLElement) || !opener.isConnected || opener === document.body) return;
    event.preventDefault();
    opener.focus();
  };
}
