/** Label sheets and rolls, measured in PDF points (1 in = 72 pt, 1 mm = 72 / 25.4 pt). */
const inch = (value: number) => value * 72;
const mm = (value: number) => (value * 72) / 25.4;

const LETTER = { width: inch(8.5), height: inch(11) };
const A4 = { width: mm(210), height: mm(297) };

export type LabelLayout = {
  name: string;
  page: { width: number; height: number };
  label: { width: number; height: number };
  columns: number;
  rows: number;
  /** From the page's top-left corner to the first label's top-left corner. */
  margin: { top: number; left: number };
  /** From one label's top-left corner to the next one's, across and down. */
  pitch: { x: number; y: number };
};

export const labelLayouts = {
  "avery-5160": {
    name: "Avery 5160 / 8160 (Letter, 30 per sheet, 2⅝ × 1 in)",
    page: LETTER,
    label: { width: inch(2.625), height: inch(1) },
    columns: 3,
    rows: 10,
    margin: { top: inch(0.5), left: inch(0.1875) },
    pitch: { x: inch(2.75), y: inch(1) },
  },
  "avery-5163": {
    name: "Avery 5163 / 8163 (Letter, 10 per sheet, 4 × 2 in)",
    page: LETTER,
    label: { width: inch(4), height: inch(2) },
    columns: 2,
    rows: 5,
    margin: { top: inch(0.5), left: inch(0.15625) },
    pitch: { x: inch(4.1875), y: inch(2) },
  },
  "avery-l7160": {
    name: "Avery L7160 (A4, 21 per sheet, 63.5 × 38.1 mm)",
    page: A4,
    label: { width: mm(63.5), height: mm(38.1) },
    columns: 3,
    rows: 7,
    margin: { top: mm(15.15), left: mm(7.21) },
    pitch: { x: mm(66.04), y: mm(38.1) },
  },
  "avery-l7163": {
    name: "Avery L7163 (A4, 14 per sheet, 99.1 × 38.1 mm)",
    page: A4,
    label: { width: mm(99.1), height: mm(38.1) },
    columns: 2,
    rows: 7,
    margin: { top: mm(15.15), left: mm(4.65) },
    pitch: { x: mm(101.6), y: mm(38.1) },
  },
  "dymo-30252": {
    name: "DYMO 30252 address (roll, 1⅛ × 3½ in)",
    page: { width: inch(3.5), height: inch(1.125) },
    label: { width: inch(3.5), height: inch(1.125) },
    columns: 1,
    rows: 1,
    margin: { top: 0, left: 0 },
    pitch: { x: inch(3.5), y: inch(1.125) },
  },
  "dymo-30334": {
    name: "DYMO 30334 multi-purpose (roll, 2¼ × 1¼ in)",
    page: { width: inch(2.25), height: inch(1.25) },
    label: { width: inch(2.25), height: inch(1.25) },
    columns: 1,
    rows: 1,
    margin: { top: 0, left: 0 },
    pitch: { x: inch(2.25), y: inch(1.25) },
  },
} as const satisfies Record<string, LabelLayout>;

export type LabelSize = keyof typeof labelLayouts;
export const labelSizes = Object.keys(labelLayouts) as LabelSize[];

export const labelsPerPage = (layout: LabelLayout) => layout.columns * layout.rows;

export const pageCount = (layout: LabelLayout, labels: number) => Math.ceil(labels / labelsPerPage(layout));

export type LabelSlot = {
  page: number;
  column: number;
  row: number;
  x: number;
  y: number;
  width: number;
  height: number;
};

/**
 * Where label `index` goes: filled across, then down, then onto the next page. x and y are the
 * label's bottom-left corner in PDF coordinates (origin at the page's bottom-left).
 */
export function labelSlot(layout: LabelLayout, index: number): LabelSlot {
  const perPage = labelsPerPage(layout);
  const onPage = index % perPage;
  const column = onPage % layout.columns;
  const row = Math.floor(onPage / layout.columns);
  const top = layout.page.height - layout.margin.top - row * layout.pitch.y;
  return {
    page: Math.floor(index / perPage),
    column,
    row,
    x: layout.margin.left + column * layout.pitch.x,
    y: top - layout.label.height,
    width: layout.label.width,
    height: layout.label.height,
  };
}
