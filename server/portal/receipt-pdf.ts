import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";

export type ReceiptDocument = {
  organization: string;
  employee: { name: string; email: string | null };
  asset: { tag: string; name: string; category: string; model: string | null; serial: string | null };
  terms: { version: number; body: string };
  signerName: string;
  /** A PNG data URL when the employee drew their signature; typed-only receipts print the name. */
  signature: string | null;
  acceptedAt: Date;
  ipAddress: string;
  userAgent: string;
};

const PAGE = { width: 595, height: 842, margin: 56 };
const characterSets = new WeakMap<PDFFont, Set<number>>();

/** Standard PDF fonts cover Latin-1 only: other characters print as "?" instead of failing the receipt. */
function printable(font: PDFFont, text: string): string {
  let supported = characterSets.get(font);
  if (!supported) {
    supported = new Set(font.getCharacterSet());
    characterSets.set(font, supported);
  }
  return [...text].map((char) => (supported.has(char.codePointAt(0) ?? 0) ? char : "?")).join("");
}

/** `text` broken into lines no wider than `width`, word by word. */
function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of printable(font, text).split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && font.widthOfTextAtSize(candidate, size) > width) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    lines.push(line);
  }
  return lines;
}

/** Writes lines downwards from `y`, returning where the next line goes. */
function writeLines(page: PDFPage, lines: string[], font: PDFFont, size: number, y: number): number {
  let cursor = y;
  for (const line of lines) {
    page.drawText(line, { x: PAGE.margin, y: cursor, size, font, color: rgb(0.1, 0.1, 0.1) });
    cursor -= size * 1.45;
  }
  return cursor;
}

/**
 * The signed receipt: what was handed over, the terms word for word with their version, and the
 * signature with who, when and from where, so the PDF stands on its own as evidence.
 */
export async function renderReceiptPdf(receipt: ReceiptDocument): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Equipment receipt ${receipt.asset.tag}`);
  doc.setAuthor(receipt.organization);
  doc.setCreationDate(receipt.acceptedAt);
  const page = doc.addPage([PAGE.width, PAGE.height]);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const width = PAGE.width - PAGE.margin * 2;
  const text = (value: string, font: PDFFont, size: number, y: number) =>
    writeLines(page, wrap(font, value, size, width), font, size, y);

  let y = PAGE.height - PAGE.margin;
  y = text(`Equipment receipt: ${receipt.asset.tag}`, bold, 18, y) - 6;
  y = text(receipt.organization, regular, 11, y) - 12;
  const asset = receipt.asset;
  y = text(
    [
      `Asset: ${asset.name} (${asset.tag})`,
      `Category: ${asset.category}${asset.model ? `, model ${asset.model}` : ""}`,
      `Serial number: ${asset.serial ?? "none recorded"}`,
      `Received by: ${receipt.employee.name}${receipt.employee.email ? ` <${receipt.employee.email}>` : ""}`,
    ].join("\n"),
    regular,
    11,
    y,
  );
  y = text(`Equipment terms, version ${receipt.terms.version}`, bold, 12, y - 12);
  y = text(receipt.terms.body, regular, 10, y) - 12;

  y = text("Signature", bold, 12, y);
  if (receipt.signature) {
    const image = await doc.embedPng(receipt.signature);
    const scaled = image.scaleToFit(width / 2, 90);
    page.drawImage(image, { x: PAGE.margin, y: y - scaled.height, ...scaled });
    y -= scaled.height + 8;
  }
  y = text(receipt.signerName, receipt.signature ? regular : bold, receipt.signature ? 11 : 16, y);
  text(
    [
      `Accepted ${receipt.acceptedAt.toISOString()} (UTC) by ${receipt.signature ? "drawn signature" : "typed name"}`,
      `From IP address ${receipt.ipAddress}`,
      `Browser: ${receipt.userAgent || "not sent"}`,
    ].join("\n"),
    regular,
    9,
    y - 6,
  );
  return doc.save();
}
