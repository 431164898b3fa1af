import type { UserScope } from "../../../context";
import { AppError } from "../../../errors";
import { guessMapping } from "../fields";
import { countCsvRecords, previewCsv } from "../parse-csv";
import { getImport } from "../queries";
import { type ImportKind, MAX_IMPORT_ROWS, UploadAssetImportInput } from "../schemas";

/** How a kind of import names its rows and guesses its columns from the file's headers. */
export type UploadKind = {
  kind: ImportKind;
  /** "assets", "people": what the rows below the header are. */
  rowsNoun: string;
  guess: (headers: string[]) => Promise<Array<string | null>>;
};

/**
 * Stores an uploaded CSV of any kind (nothing is validated or written yet) with its detected
 * delimiter, its headers, a five-row preview and a first guess at the column mapping. Only the
 * first rows are parsed here and the rest counted, so a 25 MB upload holds the request for a few
 * milliseconds; the dry run reads the whole file in the background. Answers the import's id.
 */
export async function storeImportUpload(
  scope: UserScope,
  raw: UploadAssetImportInput,
  upload: UploadKind,
): Promise<string> {
  const input = UploadAssetImportInput.parse(raw);
  const rows = countCsvRecords(input.content, { stopAfter: MAX_IMPORT_ROWS });
  if (rows > MAX_IMPORT_ROWS) {
    throw new AppError(
      "UNPROCESSABLE",
      `The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en")} rows, the most an import takes. Split it into several files.`,
    );
  }
  const parsed = previewCsv(input.content, 5);
  if (parsed.headers.length === 0 || parsed.headers.every((header) => header === "")) {
    throw new AppError("UNPROCESSABLE", "The file has no header row; its first line must name the columns.");
  }
  if (parsed.records.length === 0) {
    throw new AppError("UNPROCESSABLE", `The file has a header row but no ${upload.rowsNoun} below it.`);
  }
  const mapping = {
    headers: parsed.headers,
    columns: await upload.guess(parsed.headers),
    sample: parsed.records.slice(0, 5).map((record) => record.values),
  };
  const row = await scope.db
    .insertInto("asset_imports")
    .values({
      tenant_id: scope.tenantId,
      kind: upload.kind,
      file_name: input.fileName,
      content: input.content,
      delimiter: parsed.delimiter,
      mapping: JSON.stringify(mapping),
      total_rows: rows,
      created_by: scope.user.id,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Stores an uploaded asset CSV; its columns are guessed among the asset and custom fields. */
export async function uploadAssetImport(scope: UserScope, raw: UploadAssetImportInput) {
  const id = await storeImportUpload(scope, raw, {
    kind: "assets",
    rowsNoun: "assets",
    guess: async (headers) => {
      const custom = await scope.db
        .selectFrom("custom_field_definitions")
        .select(["key", "label"])
        .where("tenant_id", "=", scope.tenantId)
        .where("archived_at", "is", null)
        .execute();
      return guessMapping(headers, custom);
    },
  });
  return getImport(scope.db, scope.tenantId, id);
}
