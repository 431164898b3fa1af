"use client";

import { useState } from "react";
import { asMutationError, type MutationError } from "./form-errors";

/**
 * A form's save in flight: runs it, keeps its refusal for mutationMessages and says whether it
 * went through, so the form decides what follows (close, clear, stay open).
 */
export function useSubmission() {
  const [error, setError] = useState<MutationError>(null);
  const [pending, setPending] = useState(false);
  const submit = async (save: () => Promise<unknown>): Promise<boolean> => {
    setPending(true);
    setError(null);
    try {
      await save();
      return true;
    } catch (caught) {
      setError(asMutationError(caught));
      return false;
    } finally {
      setPending(false);
    }
  };
  return { error, pending, submit, clear: () => setError(null) };
}
