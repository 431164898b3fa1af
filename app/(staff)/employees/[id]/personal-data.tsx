"use client";

import { useMutation } from "@tanstack/react-query";
import { Eye, EyeOff } from "lucide-react";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { useTRPC } from "@/app/_trpc/client";

type PersonalField = { field: string; label: string; isSet: boolean };

const MASK = "••••••••";

/**
 * The personal fields, masked. Admins and IT staff reveal one at a time: each reveal is a request
 * the audit log records (which field, by whom), and the value stays on screen only until hidden or
 * the page is left.
 */
export function PersonalData({
  employeeId,
  fields,
  canReveal,
}: {
  employeeId: string;
  fields: PersonalField[];
  canReveal: boolean;
}) {
  const trpc = useTRPC();
  const [shown, setShown] = useState<Record<string, string | null>>({});
  const reveal = useMutation(
    trpc.employees.revealPersonal.mutationOptions({
      onSuccess: (values) => setShown((current) => ({ ...current, ...values })),
    }),
  );
  const hide = (field: string) =>
    setShown((current) => Object.fromEntries(Object.entries(current).filter(([key]) => key !== field)));

  return (
    <div className="grid gap-3">
      <dl className="grid grid-cols-[minmax(7rem,auto)_1fr_auto] items-center gap-x-4 gap-y-2 text-sm">
        {fields.map(({ field, label, isSet }) => {
          const isShown = field in shown;
          return (
            <div key={field} className="contents">
              <dt className="text-muted-foreground">{label}</dt>
              <dd className="min-w-0 break-words" aria-live="polite">
                {!isSet ? (
                  <span className="text-muted-foreground">Not recorded</span>
                ) : isShown ? (
                  shown[field]
                ) : (
                  <>
                    <span aria-hidden>{MASK}</span>
                    <span className="sr-only">Hidden</span>
                  </>
                )}
              </dd>
              <dd>
                {canReveal && isSet ? (
                  isShown ? (
                    <Button variant="ghost" size="sm" onClick={() => hide(field)}>
                      <EyeOff aria-hidden /> Hide<span className="sr-only"> {label.toLowerCase()}</span>
                    </Button>
                  ) : (
                    <Button
                      variant="ghost"
                      size="sm"
                      disabled={reveal.isPending}
                      onClick={() => reveal.mutate({ employeeId, fields: [field] })}
                    >
                      <Eye aria-hidden /> Reveal<span className="sr-only"> {label.toLowerCase()}</span>
                    </Button>
                  )
                ) : null}
              </dd>
            </div>
          );
        })}
      </dl>
      {reveal.error ? (
        <p role="alert" className="text-sm text-destructive">
          {reveal.error.message}
        </p>
      ) : null}
      <p className="text-xs text-muted-foreground">
        {canReveal
          ? "Stored encrypted. Each reveal is recorded in the audit log."
          : "Stored encrypted. Only admins and IT staff can reveal these."}
      </p>
    </div>
  );
}
