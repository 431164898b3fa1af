import type { ReactNode } from "react";
import { Logo } from "@/app/_components/logo";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-8 bg-muted/40 px-4 py-12">
      <Logo className="text-2xl" />
      <div className="w-full max-w-md">{children}</div>
    </main>
  );
}
