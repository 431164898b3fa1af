/**
 * The pure side of reordering a list (app/_components/sortable-list.tsx): moving an item, and the
 * words a person hears or reads while doing it, by pointer, keyboard or the move buttons.
 */

/** `items` with the one at `from` moved to `to` (the others shift); an index out of range changes nothing. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  if (from === to || from < 0 || to < 0 || from >= items.length || to >= items.length) return next;
  const [item] = next.splice(from, 1) as [T];
  next.splice(to, 0, item);
  return next;
}

/** What a reordered list is made of, in a person's words: "step", "field". */
export type ReorderNoun = string;

const quoted = (label: string) => `"${label}"`;

/**
 * Every text of a sortable list of `noun`s: the names of its controls (a position counts from 1)
 * and what a screen reader announces as an item is picked up, moved, dropped or put back.
 */
export function reorderWording(noun: ReorderNoun) {
  return {
    handle: (label: string, position: number) => `Reorder ${noun} ${position}: ${label}`,
    move: (label: string, position: number, direction: "up" | "down") =>
      `Move ${noun} ${position} ${direction}: ${label}`,
    instructions: `To reorder with the keyboard, press Space or Enter on a ${noun}'s reorder handle to pick it up, the arrow keys to move it, Space to drop it, or Escape to put it back.`,
    pickedUp: (label: string, position: number, total: number) =>
      `Picked up ${noun} ${position} of ${total}, ${quoted(label)}.`,
    over: (label: string, from: number, to: number, total: number) =>
      from === to
        ? `${quoted(label)} is back at ${noun} ${from} of ${total}.`
        : `${quoted(label)} would become ${noun} ${to} of ${total}.`,
    outside: (label: string, from: number) =>
      `${quoted(label)} is outside the list: dropping it here keeps it ${noun} ${from}.`,
    dropped: (label: string, from: number, to: number, total: number) =>
      from === to
        ? `${quoted(label)} stays ${noun} ${from} of ${total}.`
        : `${quoted(label)} is now ${noun} ${to} of ${total}.`,
    cancelled: (label: string, from: number, total: number) =>
      `Reordering cancelled: ${quoted(label)} stays ${noun} ${from} of ${total}.`,
  };
}
export type ReorderWording = ReturnType<typeof reorderWording>;
