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

/** Text is parsed in slices of about this many characters, each ending at a record boundary. */
const SLICE_CHARS = 64 * 1024;
/** A slice never grows past this while it looks for a boundary (an unterminated quote). */
const MAX_SLICE_CHARS = 4 * 1024 * 1024;

const withoutBom = (text: string) => (text.startsWith(BOM) ? text.slice(BOM.length) : text);
const newlineOf = (content: string) => (content.includes("\n") ? "\n" : "\r");

/**
 * Parses `content` (part of a file starting on line `firstLine`) record by record: `onRecord`
 * gets each non-blank record with the line it starts on and its parse errors, and may return
 * false to stop.
 */
function parseRecords(
  content: string,
  delimiter: "," | ";",
  firstLine: number,
  onRecord: (line: number, values: string[], errors: string[]) => boolean | undefined,
) {
  let start = 0;
  let line = firstLine;
  let counted = 0;
  // Old Mac files end lines with a bare carriage return.
  const newline = newlineOf(content);
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
      const keepGoing = onRecord(
        startLine,
        values,
        result.errors.map((error) => error.message),
      );
      if (keepGoing === false) handle.abort();
    },
  });
}

/**
 * Parses an uploaded CSV: a UTF-8 byte order mark is dropped, the delimiter is `,` or `;` (guessed
 * from the content unless given), quoted fields may hold delimiters, doubled quotes and line
 * breaks, and blank lines (or lines of empty cells, as spreadsheets export them) are skipped.
 * Each record keeps the line it starts on, so problems can be reported where the user will look.
 * For a small text or the first `limit` records; parseCsvInSlices reads a whole upload.
 */
export function parseCsv(text: string, options: { delimiter?: "," | ";"; limit?: number } = {}): ParsedCsv {
  const content = withoutBom(text);
  const delimiter = options.delimiter ?? detectDelimiter(content);
  const parsed: ParsedCsv = { delimiter, headers: [], records: [], errors: [] };
  let headers: string[] | null = null;
  parseRecords(content, delimiter, 1, (line, values, errors) => {
    for (const message of errors) parsed.errors.push({ line, message });
    if (headers === null) {
      headers = values.map((value) => value.trim());
      return true;
    }
    parsed.records.push({ line, values });
    return options.limit === undefined || parsed.records.length < options.limit;
  });
  parsed.headers = headers ?? [];
  return parsed;
}

/**
 * The header and the first `rows` records of a file, reading only its first slice: the upload's
 * preview of a 25 MB file costs what a small file does (papaparse splits all the text it is given
 * into lines before reading the first).
 */
export function previewCsv(text: string, rows: number): ParsedCsv {
  const content = withoutBom(text);
  const head = content.slice(0, sliceEnd(content, 0, newlineOf(content), 64 * 1024));
  return parseCsv(head, { delimiter: detectDelimiter(content), limit: rows });
}

/**
 * The end of the slice that starts at `from` (a record boundary): the first line break at or
 * after `from + SLICE_CHARS` that is outside quotes. Quotes inside a quoted field are doubled, so
 * an even number of quotes since `from` means outside. A file whose quotes never close is cut at
 * MAX_SLICE_CHARS anyway: its records are broken already, and no slice may take long to parse.
 */
function sliceEnd(content: string, from: number, newline: string, sliceChars = SLICE_CHARS): number {
  let quoted = false;
  let position = from;
  const countQuotesUntil = (end: number) => {
    let quote = content.indexOf('"', position);
    while (quote !== -1 && quote < end) {
      quoted = !quoted;
      quote = content.indexOf('"', quote + 1);
    }
    position = end;
  };
  countQuotesUntil(Math.min(content.length, from + sliceChars));
  for (;;) {
    const lineBreak = content.indexOf(newline, position);
    if (lineBreak === -1) return content.length;
    countQuotesUntil(lineBreak);
    position = lineBreak + 1;
    if (!quoted || position - from >= MAX_SLICE_CHARS) return position;
  }
}

/** Line breaks in content[from, to). */
function countLines(content: string, from: number, to: number, newline: string): number {
  let count = 0;
  let index = content.indexOf(newline, from);
  while (index !== -1 && index < to) {
    count++;
    index = content.indexOf(newline, index + 1);
  }
  return count;
}

type SliceOptions = { delimiter?: "," | ";"; sliceChars?: number };

/**
 * Reads a whole upload as parseCsv does, a slice of about SLICE_CHARS at a time: each step of the
 * iteration parses one slice and yields its records; once it is done, `done` holds the header row
 * and the parse errors. The slices are what parseCsvInSlices pauses between; a worker thread reads
 * them without pausing (server/background-worker.ts), with the same records and errors.
 */
export function* csvSlices(
  text: string,
  options: SliceOptions,
  done: Pick<ParsedCsv, "delimiter" | "headers" | "errors">,
): Generator<CsvRecord[]> {
  const content = withoutBom(text);
  const delimiter = options.delimiter ?? detectDelimiter(content);
  const newline = newlineOf(content);
  done.delimiter = delimiter;
  let headers: string[] | null = null;
  let from = 0;
  let firstLine = 1;
  while (from < content.length) {
    const to = sliceEnd(content, from, newline, options.sliceChars);
    const records: CsvRecord[] = [];
    parseRecords(content.slice(from, to), delimiter, firstLine, (line, values, messages) => {
      for (const message of messages) done.errors.push({ line, message });
      if (headers === null) headers = values.map((value) => value.trim());
      else records.push({ line, values });
      return true;
    });
    done.headers = headers ?? [];
    yield records;
    firstLine += countLines(content, from, to, newline);
    from = to;
  }
}

/** Reads a whole upload with csvSlices, handing each record to `onRecord`, in one go. */
export function parseCsvWhole(
  text: string,
  options: SliceOptions,
  onRecord: (record: CsvRecord) => void,
): Pick<ParsedCsv, "delimiter" | "headers" | "errors"> {
  const parsed: Pick<ParsedCsv, "delimiter" | "headers" | "errors"> = {
    delimiter: ",",
    headers: [],
    errors: [],
  };
  for (const records of csvSlices(text, options, parsed)) for (const record of records) onRecord(record);
  return parsed;
}

/**
 * Reads a whole upload as parseCsv does, a slice of about SLICE_CHARS at a time, handing each
 * record to `onRecord` and awaiting `pause` (the next turn of the event loop unless given) between
 * slices: a 25 MB file never holds the server for more than a few milliseconds at once. Returns
 * the header row and the parse errors.
 */
export async function parseCsvInSlices(
  text: string,
  options: SliceOptions & { pause?: () => Promise<void> },
  onRecord: (record: CsvRecord) => void | Promise<void>,
): Promise<Pick<ParsedCsv, "delimiter" | "headers" | "errors">> {
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  const parsed: Pick<ParsedCsv, "delimiter" | "headers" | "errors"> = {
    delimiter: ",",
    headers: [],
    errors: [],
  };
  for (const records of csvSlices(text, options, parsed)) {
    for (const record of records) await onRecord(record);
    await pause();
  }
  return parsed;
}

/**
 * How many records a file holds at most (its line breaks outside quotes, blank lines included),
 * counted without parsing: the upload's quick size check and first row count. With `stopAfter`,
 * counting stops at the first record past it and answers `stopAfter + 1` ("more than"), so a file
 * that is refused for its length is not scanned to its end first.
 */
export function countCsvRecords(text: string, options: { stopAfter?: number } = {}): number {
  // the header line is a record too: stop once the one after the limit's last is reached
  const stopAt = (options.stopAfter ?? Number.POSITIVE_INFINITY) + 2;
  const content = withoutBom(text);
  const newline = newlineOf(content);
  let quoted = false;
  let records = 0;
  let lastBoundary = 0;
  let quote = content.indexOf('"');
  let lineBreak = content.indexOf(newline);
  while (lineBreak !== -1) {
    if (quote !== -1 && quote < lineBreak) {
      quoted = !quoted;
      quote = content.indexOf('"', quote + 1);
      continue;
    }
    if (!quoted) {
      records++;
      lastBoundary = lineBreak + 1;
      if (records >= stopAt) return stopAt - 1;
    }
    lineBreak = content.indexOf(newline, lineBreak + 1);
  }
  if (content.slice(lastBoundary).trim() !== "") records++;
  return Math.max(0, records - 1);
}
