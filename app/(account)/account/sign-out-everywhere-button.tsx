"use client";

import { LogOut } from "lucide-react";
import { useTransition } from "react";
import { Button } from "@/app/_components/ui/button";
import { signOutEverywhereAction } from "@/app/(auth)/actions";

export function SignOutEverywhereButton() {
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="outline"
      disabled={pending}
      aria-busy={pending}
      onClick={() => startTransition(() => signOutEverywhereAction())}
    >
      <LogOut aria-hidden /> {pending ? "Signing out everywhere…" : "Sign out everywhere"}
    </Button>
  );
}
