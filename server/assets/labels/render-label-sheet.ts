import {
  fill,
  PDFDocument,
  type PDFFont,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  StandardFonts,
  scale,
  setFillingColor,
  translate,
} from "pdf-lib";
import QRCode from "qrcode";
import { type LabelLayout, labelSlot } from "./layouts";

export type LabelAsset = { id: string; tag: string; name: string };

const black = rgb(0, 0, 0);

/**
 * The QR code's dark modules as horizontal runs `[column, row, length]`, in module units. Drawn
 * as one rectangle each and filled once: a fifth of the operators of the same shape as an SVG
 * path (moveTo, three lineTo, close per run), which is what a page's content stream is made of.
 */
function qrRuns(text: string): { runs: Array<[number, number, number]>; size: number } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const runs: Array<[number, number, number]> = [];
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      runs.push([start, row, col - start]);
    }
  }
  return { runs, size: modules.size };
}

const characterSets = new WeakMap<PDFFont, Set<number>>();

/** Standard PDF fonts cover Latin-1 only: other characters print as "?" instead of failing the sheet. */
function printable(font: PDFFont, text: string): string {
  let supported = characterSets.get(font);
  if (!supported) {
    supported = new Set(font.getCharacterSet());
    characterSets.set(font, supported);
  }
  return [...text].map((char) => (supported.has(char.codePointAt(0) ?? 0) ? char : "?")).join("");
}

/** The longest start of `text` (with "…") that fits `width` at `size`. */
function fitText(font: PDFFont, text: string, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let end = text.length;
  while (end > 0 && font.widthOfTextAtSize(`${text.slice(0, end)}…`, size) > width) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}

function drawLabel(
  page: PDFPage,
  fonts: { bold: PDFFont; regular: PDFFont },
  slot: ReturnType<typeof labelSlot>,
  asset: LabelAsset,
  url: string,
) {
  const pad = Math.min(6, slot.height * 0.08);
  const qrSide = slot.height - 2 * pad;
  const qr = qrRuns(url);
  const moduleSide = qrSide / qr.size;
  // module (0, 0) at the code's top-left corner, rows going down
  page.pushOperators(
    pushGraphicsState(),
    translate(slot.x + pad, slot.y + slot.height - pad),
    scale(moduleSide, -moduleSide),
    setFillingColor(black),
    ...qr.runs.map(([column, row, length]) => rectangle(column, row, length, 1)),
    fill(),
    popGraphicsState(),
  );

  const textX = slot.x + 2 * pad + qrSide;
  const textWidth = slot.width - qrSide - 3 * pad;
  const tag = printable(fonts.bold, asset.tag);
  // the tag as large as fits: at most 30% of the label's height, at least 7 pt
  const tagSize = Math.max(
    7,
    Math.min(slot.height * 0.3, (textWidth / Math.max(1, fonts.bold.widthOfTextAtSize(tag, 1))) * 0.98),
  );
  const nameSize = Math.max(6, Math.min(tagSize * 0.55, slot.height * 0.14));
  const top = slot.y + slot.height - pad;
  page.drawText(fitText(fonts.bold, tag, tagSize, textWidth), {
    x: textX,
    y: top - tagSize,
    size: tagSize,
    font: fonts.bold,
  });

  const words = printable(fonts.regular, asset.name).split(/\s+/);
  const lines: string[] = [];
  const maxLines = Math.max(1, Math.floor((slot.height - 2 * pad - tagSize * 1.3) / (nameSize * 1.2)));
  let current = "";
  for (const [index, word] of words.entries()) {
    const next = current ? `${current} ${word}` : word;
    if (fonts.regular.widthOfTextAtSize(next, nameSize) <= textWidth || !current) {
      current = next;
      continue;
    }
    lines.push(current);
    current = word;
    if (lines.length === maxLines - 1) {
      current = words.slice(index).join(" ");
      break;
    }
  }
  if (current) lines.push(current);
  lines.slice(0, maxLines).forEach((line, index) => {
    page.drawText(fitText(fonts.regular, line, nameSize, textWidth), {
      x: textX,
      y: top - tagSize * 1.3 - nameSize * (index + 1) * 1.2 + nameSize * 0.2,
      size: nameSize,
      font: fonts.regular,
    });
  });
}

/** A slicer yielding with setImmediate once `budgetMs` of work have passed since the last yield. */
function immediateSlicer(budgetMs = 5): () => Promise<void> {
  let started = performance.now();
  return async () => {
    if (performance.now() - started < budgetMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    started = performance.now();
  };
}

export type RenderOptions = {
  /** Awaited after each label: yields the thread now and then (every 5 ms unless given). */
  slice?: () => Promise<void>;
  /** pdf-lib yields after this many objects written (1 unless given). */
  objectsPerTick?: number;
};

/**
 * A printable PDF of asset labels on a sheet or roll layout: per asset a QR code linking to its
 * page (`${appUrl}/assets/<id>`), its tag as large as fits and its name. Labels fill each page
 * across and down; a new page starts when one is full.
 *
 * A 3,000-label sheet is ~10 s of CPU. The app renders it on its background thread
 * (server/background-thread.ts), which needs no pauses; on a thread that serves requests it runs in
 * slices: the drawing loop yields every few milliseconds (`slice`), and pdf-lib yields after each
 * object it compresses and writes (the largest, a page's content stream, takes ~20 ms). One
 * content stream per QR code would cut that further but costs more than it saves: each compressed
 * stream allocates its own deflate window, and thousands of them stall on GC.
 */
export async function renderLabelSheet(
  layout: LabelLayout,
  assets: readonly LabelAsset[],
  appUrl: string,
  options: RenderOptions = {},
): Promise<Uint8Array> {
  const slice = options.slice ?? immediateSlicer();
  const doc = await PDFDocument.create();
  doc.setTitle(`Asset labels (${assets.length})`);
  doc.setCreator("Assetronics");
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  await slice();
  const fonts = { bold, regular: await doc.embedFont(StandardFonts.Helvetica) };
  await slice();
  const base = appUrl.replace(/\/+$/, "");
  let page: PDFPage | undefined;
  let pageIndex = -1;
  for (const [index, asset] of assets.entries()) {
    const slot = labelSlot(layout, index);
    if (slot.page !== pageIndex) {
      page = doc.addPage([layout.page.width, layout.page.height]);
      pageIndex = slot.page;
    }
    if (page) drawLabel(page, fonts, slot, asset, `${base}/assets/${asset.id}`);
    await slice();
  }
  return doc.save({ objectsPerTick: options.objectsPerTick ?? 1 });
}
