import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from "@/app/_components/ui/card";
import { getSessionUser } from "@/server/auth/session";
import { homePathFor } from "@/server/roles";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  const user = await getSessionUser();
  if (user) redirect(homePathFor(user.role));
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1>Sign in</h1>
        </CardTitle>
        <CardDescription>Welcome back. Sign in to manage your organization's assets.</CardDescription>
      </CardHeader>
      <CardContent>
        <SignInForm />
      </CardContent>
      <CardFooter className="text-sm text-muted-foreground">
        New to Assetronics?&nbsp;
        <Link href="/sign-up" className="font-medium text-primary underline-offset-4 hover:underline">
          Create an organization
        </Link>
      </CardFooter>
    </Card>
  );
}
