import Papa from "papaparse";

export type CsvRecord = {
  /** The line of the file the record starts on (the header is line 1), as an editor shows it. */
  line: number;
  values: string[];
};

export type ParsedCsv = {
  delimiter: "," | ";";
  headers: string[];
  records: CsvRecord[];
  errors: Array<{ line: number; message: string }>;
};

const BOM = "\uFEFF";

const isBlank = (values: readonly string[]) => values.every((value) => value.trim() === "");

/**
 * `;` when the header line has more (unquoted) semicolons than commas, as spreadsheets in
 * decimal-comma locales write, else `,`. The header decides: data rows hold commas in names,
 * amounts and notes, which makes guessing from them (papaparse's way) pick the wrong one.
 */
export function detectDelimiter(content: string): "," | ";" {
  const header = /[^\r\n]*\S[^\r\n]*/.exec(content)?.[0] ?? "";
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of header) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === ",") commas++;
    else if (!quoted && char === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

/**
 * Parses an uploaded CSV: a UTF-8 byte order mark is dropped, the delimiter is `,` or `;` (guessed
 * from the content unless given), quoted fields may hold delimiters, doubled quotes and line
 * breaks, and blank lines (or lines of empty cells, as spreadsheets export them) are skipped.
 * Each record keeps the line it starts on, so problems can be reported where the user will look.
 */
export function parseCsv(text: string, options: { delimiter?: "," | ";"; limit?: number } = {}): ParsedCsv {
  const content = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  const records: CsvRecord[] = [];
  const errors: ParsedCsv["errors"] = [];
  let headers: string[] | null = null;
  const delimiter = options.delimiter ?? detectDelimiter(content);
  let start = 0;
  let line = 1;
  let counted = 0;
  // Old Mac files end lines with a bare carriage return.
  const newline = content.includes("\n") ? "\n" : "\r";
  const lineAt = (offset: number) => {
    // Counted incrementally: each record scans only the text since the previous one.
    let index = content.indexOf(newline, counted);
    while (index !== -1 && index < offset) {
      line++;
      index = content.indexOf(newline, index + 1);
    }
    counted = Math.max(counted, offset);
    return line;
  };

  Papa.parse<string[]>(content, {
    delimiter,
    skipEmptyLines: false,
    step(result, handle) {
      const startLine = lineAt(start);
      start = result.meta.cursor;
      const values = result.data;
      if (isBlank(values)) return;
      for (const error of result.errors) errors.push({ line: startLine, message: error.message });
      if (headers === null) {
        headers = values.map((value) => value.trim());
        return;
      }
      records.push({ line: startLine, values });
      if (options.limit !== undefined && records.length >= options.limit) handle.abort();
    },
  });
  return { delimiter, headers: headers ?? [], records, errors };
}
