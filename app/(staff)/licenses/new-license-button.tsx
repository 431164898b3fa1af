"use client";

import { Plus } from "lucide-react";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { LicenseFormDialog } from "./license-form-dialog";

export function NewLicenseButton({ currency }: { currency: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus aria-hidden /> New licence
      </Button>
      {open ? <LicenseFormDialog currency={currency} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
