import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ThemeProvider } from "./_components/theme-provider";
import { Toaster } from "./_components/ui/toaster";
import { TRPCReactProvider } from "./_trpc/client";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Assetronics", template: "%s · Assetronics" },
  description: "IT asset management where assets, people, workflows and systems stay connected.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-dvh bg-background font-sans text-foreground antialiased">
        <ThemeProvider>
          <TRPCReactProvider>{children}</TRPCReactProvider>
          <Toaster />
        </ThemeProvider>
      </body>
    </html>
  );
}
