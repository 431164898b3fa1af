"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Alert, AlertDescription } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent } from "@/app/_components/ui/card";
import { FormField } from "@/app/_components/ui/form-field";
import { Input } from "@/app/_components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/client";
import { SOFTWARE_SEARCH_MAX, SOFTWARE_VERSION_MAX } from "@/server/agent/schemas";

/** The search lives in the address (?name=zoom&below=6.0), so a result can be shared and bookmarked. */
export function SoftwareSearch() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const current = {
    name: params.get("name") ?? "",
    below: params.get("below") ?? "",
    atLeast: params.get("atLeast") ?? "",
  };
  const [form, setForm] = useState(current);
  const query = {
    name: current.name,
    below: current.below || undefined,
    atLeast: current.atLeast || undefined,
  };
  const results = useQuery({
    ...trpc.agent.searchSoftware.queryOptions(query),
    enabled: current.name.trim() !== "",
  });

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) if (value.trim()) next.set(key, value.trim());
    router.replace(`${pathname}?${next}`);
  };
  const field = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value }),
  });

  return (
    <div className="grid gap-6">
      <form
        className="flex flex-wrap items-end gap-4"
        onSubmit={search}
        aria-label="Software search"
        noValidate
      >
        <FormField label="Name starts with" htmlFor="software-name">
          <Input id="software-name" placeholder="zoom" limit={SOFTWARE_SEARCH_MAX} {...field("name")} />
        </FormField>
        <FormField label="Version below" htmlFor="software-below">
          <Input
            id="software-below"
            placeholder="6.0"
            className="w-32"
            limit={SOFTWARE_VERSION_MAX}
            {...field("below")}
          />
        </FormField>
        <FormField label="Version at least" htmlFor="software-at-least">
          <Input id="software-at-least" className="w-32" limit={SOFTWARE_VERSION_MAX} {...field("atLeast")} />
        </FormField>
        <Button type="submit">Search</Button>
      </form>
      {results.isError ? (
        <Alert variant="destructive">
          <AlertDescription>{results.error.message}</AlertDescription>
        </Alert>
      ) : null}
      {results.data ? (
        <Card>
          <CardContent>
            {results.data.length === 0 ? (
              <p role="status" className="text-sm text-muted-foreground">
                No device reports such software.
              </p>
            ) : (
              <Table stickyFirstColumn aria-label="Devices with this software">
                <TableHeader>
                  <TableRow>
                    <TableHead>Asset</TableHead>
                    <TableHead>Software</TableHead>
                    <TableHead>Version</TableHead>
                    <TableHead>Source</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {results.data.map((row) => (
                    <TableRow key={`${row.assetId}-${row.source}-${row.name}`}>
                      <TableCell>
                        <Link href={`/assets/${row.assetId}`} className="underline underline-offset-4">
                          <span className="font-mono">{row.tag}</span> {row.assetName}
                        </Link>
                      </TableCell>
                      <TableCell>{row.name}</TableCell>
                      <TableCell className="font-mono">{row.version || "—"}</TableCell>
                      <TableCell>{row.source}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
