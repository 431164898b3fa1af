import { ShieldAlert } from "lucide-react";
import Link from "next/link";
import { buttonVariants } from "./_components/ui/button";

export default function Forbidden() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 px-4 text-center">
      <ShieldAlert aria-hidden className="size-12 text-destructive" />
      <h1 className="text-2xl font-semibold">You don't have access to this page</h1>
      <p className="max-w-md text-muted-foreground">
        Your role does not include this area. If you need it, ask an administrator of your organization.
      </p>
      <Link href="/" className={buttonVariants({ variant: "outline" })}>
        Go to your home page
      </Link>
    </main>
  );
}
