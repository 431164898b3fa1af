"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type RefObject, useEffect, useId, useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { cn } from "@/app/_lib/cn";
import { useTRPC } from "@/app/_trpc/client";
import { SCAN_CODE_MAX } from "@/server/assets/audits/schemas";
import { CameraScanner, useCameraScanning } from "./camera-scanner";

type Feedback = { tone: "good" | "warn" | "bad"; message: string };
const tones = { found: "good", unexpected: "warn", duplicate: "warn", unknown: "bad" } as const;

/**
 * The scan box. A keyboard-wedge barcode scanner types the code and presses Enter, so the field
 * keeps the focus and submits on Enter; the camera feeds the same submit. `field` is the page's
 * handle on the box, so the page's other controls can hand the focus back to it.
 */
export function ScanForm({ auditId, field }: { auditId: string; field: RefObject<HTMLInputElement | null> }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inputId = useId();
  const moveId = useId();
  const [code, setCode] = useState("");
  const [moveUnexpected, setMoveUnexpected] = useState(false);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const camera = useCameraScanning();
  const scan = useMutation(
    trpc.assets.audits.scan.mutationOptions({
      onSuccess: (result) => {
        setFeedback({ tone: tones[result.outcome], message: result.message });
        void queryClient.invalidateQueries({ queryKey: trpc.assets.audits.get.queryKey({ auditId }) });
      },
      onError: (error) => setFeedback({ tone: "bad", message: error.message }),
      onSettled: () => field.current?.focus(),
    }),
  );
  useEffect(() => field.current?.focus(), [field]);

  const submit = (value: string) => {
    const trimmed = value.trim();
    if (!trimmed) return;
    setCode("");
    scan.mutate({ auditId, code: trimmed, moveUnexpected });
  };

  return (
    <div className="grid gap-3">
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          submit(code);
        }}
      >
        <div className="grid min-w-64 flex-1 gap-1.5">
          <label htmlFor={inputId} className="font-medium text-sm">
            Scan or type a tag or serial number
          </label>
          <Input
            ref={field}
            id={inputId}
            limit={SCAN_CODE_MAX}
            value={code}
            onChange={(event) => setCode(event.target.value)}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            enterKeyHint="go"
            placeholder="AST-000123"
          />
        </div>
        <Button type="submit" disabled={!code.trim()}>
          Record scan
        </Button>
      </form>
      <div className="flex items-center gap-2 text-sm">
        <input
          id={moveId}
          type="checkbox"
          checked={moveUnexpected}
          onChange={(event) => {
            setMoveUnexpected(event.target.checked);
            // the next scan must land in the box, not toggle this checkbox
            field.current?.focus();
          }}
        />
        <label htmlFor={moveId}>Move assets that belong elsewhere to this location as they are scanned</label>
      </div>
      {camera ? <CameraScanner onCode={submit} /> : null}
      <p
        role="status"
        aria-live="polite"
        className={cn(
          "min-h-6 rounded-md px-3 py-2 text-sm",
          feedback?.tone === "good" && "bg-success/10 text-success",
          feedback?.tone === "warn" && "bg-warning/15 text-warning-foreground",
          feedback?.tone === "bad" && "bg-destructive/10 text-destructive",
        )}
      >
        {feedback?.message ?? ""}
      </p>
    </div>
  );
}
