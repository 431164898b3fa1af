import { type Kysely, sql } from "kysely";
import type { DB } from "@/db/types";
import type { Keyring } from "./encryption";
import { openAll, sealAll } from "./sensitive-fields";

export type RotationProgress = { keyId: string; rotated: number; remaining: number; finished: boolean };

type RotationOptions = {
  batchSize?: number;
  /** Stop after this many batches (an operator's dry step, and tests of an interrupted rotation). */
  maxBatches?: number;
  onBatch?: (progress: RotationProgress) => void;
};

const withPlatform = <T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>) =>
  db.transaction().execute(async (trx) => {
    await sql`select set_config('app.platform', 'on', true)`.execute(trx);
    return work(trx);
  });

/**
 * Re-seals every employee's personal fields under the keyring's newest key, across tenants, one
 * batch per short transaction, so the app keeps serving: each batch locks only its rows (an edit
 * of one waits a batch at most), and the app itself already seals under the newest key.
 * Progress (the last employee id re-sealed) is saved with each batch in employee_key_rotations:
 * run again after an interruption, it carries on from there; once the cursor reaches the end it
 * looks again from the start for rows an older process wrote behind it, and finishes when none is
 * left under an older key.
 */
export async function rotateEmployeeKeys(
  db: Kysely<DB>,
  keyring: Keyring,
  options: RotationOptions = {},
): Promise<RotationProgress> {
  const keyId = keyring.newest.id;
  const batchSize = options.batchSize ?? 500;
  await withPlatform(db, (trx) =>
    trx
      .insertInto("employee_key_rotations")
      .values({ key_id: keyId })
      .onConflict((oc) => oc.column("key_id").doUpdateSet({ finished_at: null }))
      .execute(),
  );
  for (let batch = 0; options.maxBatches === undefined || batch < options.maxBatches; batch++) {
    const progress = await withPlatform(db, (trx) => rotateBatch(trx, keyring, batchSize));
    options.onBatch?.(progress);
    if (progress.finished) return progress;
  }
  return withPlatform(db, (trx) => progressOf(trx, keyId));
}

async function rotateBatch(trx: Kysely<DB>, keyring: Keyring, batchSize: number): Promise<RotationProgress> {
  const keyId = keyring.newest.id;
  const state = await trx
    .selectFrom("employee_key_rotations")
    .select(["after_employee_id", "rotated"])
    .where("key_id", "=", keyId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const rows = await trx
    .selectFrom("employees")
    .select([
      "id",
      "tenant_id",
      "personal_email_sealed",
      "phone_sealed",
      "home_address_sealed",
      "date_of_birth_sealed",
      "national_id_sealed",
    ])
    .where("data_key_id", "is not", null)
    .where("data_key_id", "<>", keyId)
    .$if(state.after_employee_id !== null, (qb) => qb.where("id", ">", state.after_employee_id ?? ""))
    .orderBy("id")
    .limit(batchSize)
    .forUpdate()
    .execute();
  if (rows.length === 0) {
    const progress = await progressOf(trx, keyId);
    await trx
      .updateTable("employee_key_rotations")
      .set(progress.remaining === 0 ? { finished_at: sql`now()` } : { after_employee_id: null })
      .where("key_id", "=", keyId)
      .execute();
    return { ...progress, finished: progress.remaining === 0 };
  }
  for (const row of rows) {
    const values = openAll(keyring, row.tenant_id, row.id, row);
    await trx
      .updateTable("employees")
      .set(sealAll(keyring, row.tenant_id, row.id, values))
      .where("id", "=", row.id)
      .execute();
  }
  await trx
    .updateTable("employee_key_rotations")
    .set({ after_employee_id: rows[rows.length - 1]?.id ?? null, rotated: state.rotated + rows.length })
    .where("key_id", "=", keyId)
    .execute();
  return progressOf(trx, keyId);
}

async function progressOf(trx: Kysely<DB>, keyId: string): Promise<RotationProgress> {
  const state = await trx
    .selectFrom("employee_key_rotations")
    .select(["rotated", "finished_at"])
    .where("key_id", "=", keyId)
    .executeTakeFirstOrThrow();
  const { remaining } = await trx
    .selectFrom("employees")
    .select((eb) => eb.fn.countAll<string>().as("remaining"))
    .where("data_key_id", "is not", null)
    .where("data_key_id", "<>", keyId)
    .executeTakeFirstOrThrow();
  return {
    keyId,
    rotated: state.rotated,
    remaining: Number(remaining),
    finished: state.finished_at !== null,
  };
}
