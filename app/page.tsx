import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth/session";
import { homePathFor } from "@/server/roles";

export default async function Home() {
  const user = await getSessionUser();
  redirect(user ? homePathFor(user.role) : "/sign-in");
}
