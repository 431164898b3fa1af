import Link from "next/link";
import { DateTime } from "@/app/_components/time-zone";
import { Badge } from "@/app/_components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/app/_components/ui/table";
import { formatCount } from "@/app/_lib/format";

const tone = {
  completed: "success",
  failed: "destructive",
  importing: "warning",
  cancelled: "outline",
} as const;

type RecentImport = {
  id: string;
  fileName: string;
  status: string;
  totalRows: number;
  importedRows: number;
  createdAt: Date;
};

/**
 * The latest imports of one kind, to reopen one (an unfinished dry run, a running import's
 * progress, or how a finished, failed or cancelled one ended) at `<page>?id=<id>`.
 */
export function RecentImportsTable({ imports, page }: { imports: readonly RecentImport[]; page: string }) {
  if (imports.length === 0) return null;
  return (
    <section aria-labelledby="recent-imports" className="grid gap-3">
      <h2 id="recent-imports" className="font-semibold text-base">
        Recent imports
      </h2>
      <Table stickyFirstColumn aria-label="Recent imports">
        <TableHeader>
          <TableRow>
            <TableHead>File</TableHead>
            <TableHead>Status</TableHead>
            <TableHead className="text-right">Rows</TableHead>
            <TableHead className="text-right">Imported</TableHead>
            <TableHead>Uploaded</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {imports.map((item) => (
            <TableRow key={item.id}>
              <TableCell className="font-medium">
                <Link href={`${page}?id=${item.id}`} className="underline-offset-4 hover:underline">
                  {item.fileName}
                </Link>
              </TableCell>
              <TableCell>
                <Badge variant={tone[item.status as keyof typeof tone] ?? "secondary"}>{item.status}</Badge>
              </TableCell>
              <TableCell className="text-right tabular-nums">{formatCount(item.totalRows)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatCount(item.importedRows)}</TableCell>
              <TableCell className="text-muted-foreground text-sm">
                <DateTime value={item.createdAt} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
