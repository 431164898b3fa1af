"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { PROBLEM_PAGE_SIZE, ProblemTable } from "@/app/_components/csv-import/problem-table";
import { useTRPC } from "@/app/_trpc/client";

/** An asset import's row problems (ProblemTable), a page at a time. */
export function ProblemList({
  importId,
  total,
  listed,
}: {
  importId: string;
  total: number;
  listed: number;
}) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const { data } = useQuery({
    ...trpc.assets.import.problems.queryOptions({ importId, page, pageSize: PROBLEM_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  return (
    <ProblemTable
      total={total}
      listed={listed}
      items={data?.items ?? []}
      page={page}
      onPage={setPage}
      downloadHref={`/api/assets/import/${importId}/problems`}
    />
  );
}
