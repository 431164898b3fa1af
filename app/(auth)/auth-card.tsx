import Link from "next/link";
import type { ReactNode } from "react";
import {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from "@/app/_components/ui/card";

/** A link in the sign-in pages' style (between pages of the flow). */
export function AuthLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="font-medium text-primary underline-offset-4 hover:underline">
      {children}
    </Link>
  );
}

/**
 * The card every sign-in, sign-up, reset and invitation page is: the page's one h1, a line
 * saying what to do, the form (or links), and an optional footer line pointing elsewhere.
 */
export function AuthCard({
  title,
  description,
  footer,
  contentClassName,
  children,
}: {
  title: ReactNode;
  description: ReactNode;
  footer?: ReactNode;
  contentClassName?: string;
  children: ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1>{title}</h1>
        </CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className={contentClassName}>{children}</CardContent>
      {footer ? <CardFooter className="text-sm text-muted-foreground">{footer}</CardFooter> : null}
    </Card>
  );
}

/**
 * What an emailed link (confirmation, reset, invitation) shows when it can no longer be used:
 * why, and where to go instead. Opening it changed nothing.
 */
export function UnavailableLinkCard({
  title,
  reason,
  children,
}: {
  title: string;
  reason: string;
  /** AuthLinks to where the person can go from here. */
  children: ReactNode;
}) {
  return (
    <AuthCard title={title} description={reason} contentClassName="flex flex-wrap gap-x-6 gap-y-2">
      {children}
    </AuthCard>
  );
}
