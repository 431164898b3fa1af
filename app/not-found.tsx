import Link from "next/link";
import { buttonVariants } from "./_components/ui/button";

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-muted-foreground">The page you are looking for does not exist or has moved.</p>
      <Link href="/" className={buttonVariants({ variant: "outline" })}>
        Go to your home page
      </Link>
    </main>
  );
}
