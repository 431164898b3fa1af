import { runsSqlOnThisThread } from "@/db";
import { type Db, type Executor, inBackground, withTenant } from "../../db";
import {
  eventHash,
  GENESIS_HASH,
  hashedEventColumns,
  hashedFieldsOf,
  type StoredEvent,
} from "../../events/hash";
import { batchSizer, claimHeavyJob, yieldToEventLoop } from "../../heavy-jobs";
import { logger } from "../../logger";
import type { ChainProblem, ChainVerification } from "../schemas";

export type VerifyAuditChainOptions = { batchSize?: number; maxProblems?: number };

/** Runs one read of the walk: in the caller's transaction, or in a short one of its own. */
type ChainReader = <T>(read: (executor: Executor) => Promise<T>) => Promise<T>;

/** What the walk reads of each event: every column the hash covers, and the links of the chain. */
const chainColumns = [...hashedEventColumns, "prev_hash", "hash"] as const;
type ChainRow = Pick<StoredEvent, (typeof chainColumns)[number]>;

/** Exactly the fields emit() hashes, rebuilt from the stored row by the same mapping. */
const recomputeHash = (row: ChainRow) => eventHash(row.prev_hash, hashedFieldsOf(row));

const missing = (from: number, to: number) =>
  from === to ? `Event ${from} is missing` : `Events ${from}–${to} are missing`;

/**
 * Walks a tenant's events in seq order, in keyset batches (constant memory however long the log),
 * recomputing every hash. Finds rows edited after the fact (content no longer matches the hash),
 * deleted (a gap in seq), inserted, replaced or reordered (prev_hash is not the previous row's
 * hash), and a log whose end disagrees with the chain head (rows cut from or added to the end).
 */
export function verifyAuditChain(
  db: Executor,
  tenantId: string,
  options: VerifyAuditChainOptions = {},
): Promise<ChainVerification> {
  return walkChain((read) => read(db), tenantId, options);
}

/**
 * audit.verify: the walk of verifyAuditChain as a heavy job. Each batch is read in its own short
 * tenant transaction, as background work, with a turn of the event loop between batches, so a log
 * of any length never holds the database or the thread; a tenant runs one verification at a time
 * (server/heavy-jobs.ts). Batches are sized to ~20 ms of this thread: their hashing alone where
 * the read runs elsewhere (PostgreSQL's server, the app's PGlite on its worker thread; sizing by
 * the read too shrank batches to a few dozen rows on a busy server, and the demo tenant's log took
 * a minute), read and hashing where the database runs on this thread (in-memory PGlite).
 */
export async function verifyTenantAuditChain(
  db: Db,
  tenantId: string,
  options: VerifyAuditChainOptions = {},
): Promise<ChainVerification> {
  const release = claimHeavyJob(tenantId, "audit-verify");
  const sameThread = runsSqlOnThisThread(db);
  const sizer = sameThread
    ? batchSizer({ initial: 250, max: 2000 })
    : batchSizer({ initial: 1000, min: 500, max: 10_000 });
  try {
    return await walkChain((read) => inBackground(() => withTenant(db, tenantId, read)), tenantId, options, {
      sizer: options.batchSize ? undefined : sizer,
      sizeByRead: sameThread,
      pause: yieldToEventLoop,
    });
  } finally {
    release();
  }
}

/**
 * How a heavy job paces the walk: batch sizes by duration (of the hashing, and of the read too when
 * `sizeByRead`), and a turn of the loop between batches.
 */
type Pacing = { sizer?: ReturnType<typeof batchSizer>; sizeByRead: boolean; pause: () => Promise<void> };

async function walkChain(
  read: ChainReader,
  tenantId: string,
  options: VerifyAuditChainOptions,
  pacing?: Pacing,
): Promise<ChainVerification> {
  const maxProblems = options.maxProblems ?? 20;
  const problems: ChainProblem[] = [];
  let problemCount = 0;
  const report = (problem: ChainProblem) => {
    problemCount++;
    if (problems.length < maxProblems) problems.push(problem);
  };

  let checked = 0;
  let last: { seq: number; hash: string } | null = null;
  let head: { seq: number; hash: string } | null | undefined;
  for (;;) {
    await pacing?.pause();
    const batchSize = pacing?.sizer?.size() ?? options.batchSize ?? 1000;
    const reading = performance.now();
    const rows: ChainRow[] = await read((executor) =>
      executor
        .selectFrom("events")
        .select(chainColumns)
        .where("tenant_id", "=", tenantId)
        .where("seq", ">", last?.seq ?? 0)
        .orderBy("seq")
        .limit(batchSize)
        .execute(),
    );

    const hashing = performance.now();
    for (const row of rows) {
      const expectedSeq: number = (last?.seq ?? 0) + 1;
      if (row.seq !== expectedSeq) {
        report({
          kind: "seq_gap",
          seq: expectedSeq,
          message: `${missing(expectedSeq, row.seq - 1)}: deleted from the log.`,
        });
      } else if (row.prev_hash !== (last?.hash ?? GENESIS_HASH)) {
        report({
          kind: "prev_hash_mismatch",
          seq: row.seq,
          message: `Event ${row.seq} ${row.seq === 1 ? "does not start the chain" : `does not follow event ${row.seq - 1}`}: an event was inserted, replaced or reordered.`,
        });
      }
      if (recomputeHash(row) !== row.hash) {
        report({
          kind: "hash_mismatch",
          seq: row.seq,
          message: `Event ${row.seq} (${row.name}) was changed after it was written: its content no longer matches its hash.`,
        });
      }
      last = { seq: row.seq, hash: row.hash };
      checked++;
    }

    pacing?.sizer?.record(rows.length, performance.now() - (pacing.sizeByRead ? reading : hashing));
    if (rows.length > 0) head = undefined;
    if (rows.length === batchSize) continue;
    // The head is read first and the log once more after it: emit() writes an event and moves the
    // head in one transaction, so every event the head covers is visible to that last read, and
    // events committed while the walk ran are verified rather than mistaken for tampering.
    if (head !== undefined) break;
    head =
      (await read((executor) =>
        executor
          .selectFrom("event_chain_heads")
          .select(["seq", "hash"])
          .where("tenant_id", "=", tenantId)
          .executeTakeFirst(),
      )) ?? null;
  }

  const lastSeq = last?.seq ?? 0;
  const headSeq = head?.seq ?? 0;
  if (headSeq > lastSeq) {
    report({
      kind: "head_mismatch",
      seq: lastSeq + 1,
      message: `${missing(lastSeq + 1, headSeq)}: cut from the end of the log (the chain head is at ${headSeq}).`,
    });
  } else if (headSeq < lastSeq) {
    report({
      kind: "head_mismatch",
      seq: headSeq + 1,
      message: head
        ? `Events after ${headSeq} are not covered by the chain head: added outside the application.`
        : "The chain head is missing: the log cannot be checked for events cut from its end.",
    });
  } else if (last && head && head.hash !== last.hash) {
    report({
      kind: "head_mismatch",
      seq: lastSeq,
      message: `Event ${lastSeq} is not the one the chain head recorded: the end of the log was replaced.`,
    });
  }

  if (problemCount > 0) {
    logger.warn("audit chain broken", {
      tenantId,
      checked,
      problemCount,
      first: problems.slice(0, 3).map((problem) => `${problem.kind}@${problem.seq}`),
    });
  }
  return {
    ok: problemCount === 0,
    checked,
    lastSeq: last?.seq ?? null,
    head: head ?? null,
    problems,
    problemCount,
    verifiedAt: new Date(),
  };
}
