"use client";

import { FileUp } from "lucide-react";
import { useId, useRef, useState } from "react";
import { FormError } from "@/app/_components/form-error";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { cn } from "@/app/_lib/cn";

const MAX_BYTES = 25 * 1024 * 1024;

/**
 * Step 1 of any CSV import: a file dropped on the zone or picked with the file dialog is read as
 * UTF-8 and handed to `onFile` (the page uploads it); `pending` and `error` are the upload's.
 */
export function CsvUploadCard({
  description,
  onFile,
  pending,
  error,
}: {
  description: string;
  onFile: (file: { fileName: string; content: string }) => void;
  pending: boolean;
  error?: string | null;
}) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const accept = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    if (!/\.(csv|txt)$/i.test(file.name) && file.type !== "text/csv") {
      setProblem(`${file.name} is not a CSV file. Save the spreadsheet as CSV (UTF-8) first.`);
      return;
    }
    if (file.size > MAX_BYTES) {
      setProblem(`${file.name} is larger than 25 MB; split it into several files.`);
      return;
    }
    onFile({ fileName: file.name, content: await file.text() });
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle>Upload a CSV file</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <section
          aria-label="Drop a CSV file here"
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            void accept(event.dataTransfer.files[0]);
          }}
          className={cn(
            "flex flex-col items-center justify-center gap-3 rounded-lg border-2 border-dashed px-6 py-12 text-center transition-colors",
            dragging ? "border-primary bg-primary/5" : "border-border",
          )}
        >
          <FileUp aria-hidden className="size-8 text-muted-foreground" />
          <p className="text-sm">Drag a CSV file here, or</p>
          <label htmlFor={inputId} className="sr-only">
            Choose a CSV file
          </label>
          <input
            ref={input}
            id={inputId}
            type="file"
            accept=".csv,text/csv,.txt"
            className="sr-only"
            onChange={(event) => void accept(event.target.files?.[0])}
          />
          <Button type="button" variant="outline" disabled={pending} onClick={() => input.current?.click()}>
            {pending ? "Uploading…" : "Choose a file"}
          </Button>
        </section>
        <FormError message={problem ?? error} />
      </CardContent>
    </Card>
  );
}
