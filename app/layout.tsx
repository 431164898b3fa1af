import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import type { ReactNode } from "react";
import { HydrationMark } from "./_components/hydration-mark";
import { ThemeProvider } from "./_components/theme-provider";
import { TimeZoneProvider } from "./_components/time-zone";
import { Toaster } from "./_components/ui/toaster";
import { TIME_ZONE_COOKIE, timeZoneFromCookie } from "./_lib/time-zone";
import { TRPCReactProvider } from "./_trpc/client";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Assetronics", template: "%s · Assetronics" },
  description: "IT asset management where assets, people, workflows and systems stay connected.",
};

/**
 * Reads the request's CSP nonce (proxy.ts), which makes every page render per request: Next.js
 * puts the nonce on its scripts only then, and next-themes needs it for its inline script.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const timeZone = timeZoneFromCookie((await cookies()).get(TIME_ZONE_COOKIE)?.value);
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-dvh bg-background font-sans text-foreground antialiased">
        <ThemeProvider nonce={nonce}>
          <TimeZoneProvider initial={timeZone}>
            <TRPCReactProvider>{children}</TRPCReactProvider>
          </TimeZoneProvider>
          <Toaster />
          <HydrationMark />
        </ThemeProvider>
      </body>
    </html>
  );
}
