import type { Executor } from "../../db";
import { eventHash, GENESIS_HASH } from "../../events/hash";
import { logger } from "../../logger";
import type { ChainProblem, ChainVerification } from "../schemas";

export type VerifyAuditChainOptions = { batchSize?: number; maxProblems?: number };

type ChainRow = {
  seq: number;
  name: string;
  actor_type: string;
  actor_id: string | null;
  actor_label: string | null;
  entity_type: string;
  entity_id: string;
  data: unknown;
  occurred_at: Date;
  prev_hash: string;
  hash: string;
};

/** Exactly the fields emit() hashes (server/events/emit.ts), rebuilt from the stored row. */
const recomputeHash = (tenantId: string, row: ChainRow) =>
  eventHash(row.prev_hash, {
    tenantId,
    seq: row.seq,
    name: row.name,
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    entityType: row.entity_type,
    entityId: row.entity_id,
    data: row.data,
    occurredAt: row.occurred_at.toISOString(),
  });

const missing = (from: number, to: number) =>
  from === to ? `Event ${from} is missing` : `Events ${from}–${to} are missing`;

/**
 * Walks a tenant's events in seq order, in keyset batches (constant memory however long the log),
 * recomputing every hash. Finds rows edited after the fact (content no longer matches the hash),
 * deleted (a gap in seq), inserted, replaced or reordered (prev_hash is not the previous row's
 * hash), and a log whose end disagrees with the chain head (rows cut from or added to the end).
 */
export async function verifyAuditChain(
  db: Executor,
  tenantId: string,
  options: VerifyAuditChainOptions = {},
): Promise<ChainVerification> {
  const batchSize = options.batchSize ?? 1000;
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
    const rows: ChainRow[] = await db
      .selectFrom("events")
      .select([
        "seq",
        "name",
        "actor_type",
        "actor_id",
        "actor_label",
        "entity_type",
        "entity_id",
        "data",
        "occurred_at",
        "prev_hash",
        "hash",
      ])
      .where("tenant_id", "=", tenantId)
      .where("seq", ">", last?.seq ?? 0)
      .orderBy("seq")
      .limit(batchSize)
      .execute();

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
      if (recomputeHash(tenantId, row) !== row.hash) {
        report({
          kind: "hash_mismatch",
          seq: row.seq,
          message: `Event ${row.seq} (${row.name}) was changed after it was written: its content no longer matches its hash.`,
        });
      }
      last = { seq: row.seq, hash: row.hash };
      checked++;
    }

    if (rows.length > 0) head = undefined;
    if (rows.length === batchSize) continue;
    // The head is read first and the log once more after it: emit() writes an event and moves the
    // head in one transaction, so every event the head covers is visible to that last read, and
    // events committed while the walk ran are verified rather than mistaken for tampering.
    if (head !== undefined) break;
    head =
      (await db
        .selectFrom("event_chain_heads")
        .select(["seq", "hash"])
        .where("tenant_id", "=", tenantId)
        .executeTakeFirst()) ?? null;
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
