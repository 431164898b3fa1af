"use client";

import { type ExternalToast, toast } from "sonner";

/**
 * Confirms an action that went through. One toast per kind of action, replaced by the next of
 * its kind ("Role changed" five times is one toast, not a pile of stale ones); different kinds
 * still stack, so saving an asset then assigning it shows both.
 */
export function notifySuccess(kind: string, message: string, options: Omit<ExternalToast, "id"> = {}) {
  return toast.success(message, { ...options, id: `success:${kind}` });
}

/**
 * The outcome of an action that has no form to show a refusal in (a row's button, a menu item):
 * a toast either way, and `after` (a refresh) once it went through. Forms use mutationMessages.
 */
export function toastOutcome(success: string, after?: () => unknown) {
  return {
    onSuccess: () => {
      notifySuccess(success, success);
      void after?.();
    },
    onError: (error: { message: string }) => toast.error(error.message),
  };
}
