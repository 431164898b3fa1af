"use client";

import {
  type Announcements,
  closestCenter,
  DndContext,
  type DragEndEvent,
  type DragOverEvent,
  DragOverlay,
  type DragStartEvent,
  type Modifier,
  PointerSensor,
  type UniqueIdentifier,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { SortableContext, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { ArrowDown, ArrowUp, GripVertical } from "lucide-react";
import {
  type ComponentProps,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { createPortal } from "react-dom";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/app/_lib/cn";
import { moveItem, type ReorderWording, reorderWording } from "./sortable-order";

/** The controls of one item, for its row to place where they fit. */
export type SortableControls = {
  /** Its position, counted from 1. */
  position: number;
  /** The grip: drag it with a pointer, or focus it and press Space (arrows move, Space drops, Escape cancels). */
  handle: ReactNode;
  /** Move up and move down, one place each, for whoever prefers buttons. */
  moveButtons: ReactNode;
};

type SortableListProps<T> = {
  items: readonly T[];
  itemId: (item: T) => string;
  /** The item's name in its controls and announcements ("Collect the laptop"). */
  itemLabel: (item: T) => string;
  /** What an item is called: "step", "field". */
  noun: string;
  /** The list's accessible name. */
  label: string;
  onReorder: (next: T[], move: { item: T; from: number; to: number }) => void;
  /** No reordering now (a change is being saved): the controls stay, focusable but inert. */
  disabled?: boolean;
  className?: string;
  /** Attributes of an item's `<li>` besides what sorting needs (class, test id, accessible name). */
  itemProps?: (item: T, index: number) => ComponentProps<"li">;
  children: (item: T, controls: SortableControls) => ReactNode;
};

/** An item picked up with the keyboard: where it was and where it would land, counted from 0. */
type Lift = { id: string; from: number; to: number };

/** Sorting here is up and down only: a sideways wobble of the pointer moves nothing. */
const verticalOnly: Modifier = ({ transform }) => ({ ...transform, x: 0 });

function usePrefersReducedMotion() {
  const [reduced, setReduced] = useState(false);
  useEffect(() => {
    const query = window.matchMedia("(prefers-reduced-motion: reduce)");
    setReduced(query.matches);
    const onChange = () => setReduced(query.matches);
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, []);
  return reduced;
}

/**
 * A vertical list a person reorders three ways: dragging an item's grip, the keyboard on that grip
 * (Space or Enter lifts, arrows move, Space or Enter drops, Escape puts it back), or its move
 * up/down buttons. Each way says where the item went, to a screen reader too, and keeps focus on
 * the item that moved. The workflow template editor and a category's custom fields share it.
 *
 * The keyboard is handled here, not by dnd-kit's keyboard sensor: that sensor listens for keys only
 * from a timer after the lift (keys before it are lost; Chromium runs waiting input before timers,
 * and lifting re-renders every row, which in the template editor takes long enough), moves by
 * pixels from the last rendered position (a key before the previous move rendered goes nowhere),
 * and scrolls the page smoothly instead of moving an item taller than half the window (the drop
 * target changes only once the scroll ends). So in the template editor a lift, two arrows and a
 * drop typed briskly put the step back where it was. Here each key moves the lifted item one
 * place in the list at once.
 */
export function SortableList<T>({
  items,
  itemId,
  itemLabel,
  noun,
  label,
  onReorder,
  disabled = false,
  className,
  itemProps,
  children,
}: SortableListProps<T>) {
  const listId = useId();
  const wording = useMemo(() => reorderWording(noun), [noun]);
  const [activeId, setActiveId] = useState<UniqueIdentifier | null>(null);
  const [overId, setOverId] = useState<UniqueIdentifier | null>(null);
  const [moved, setMoved] = useState("");
  const [portal, setPortal] = useState<HTMLElement | null>(null);
  const reducedMotion = usePrefersReducedMotion();
  const pendingFocus = useRef<{ id: string; direction: "up" | "down" } | null>(null);
  const [lifted, setLift] = useState<Lift | null>(null);
  // A few pixels of travel before a drag starts, so a click on the grip is only a click.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));
  // A lift outlives no change of the list under it (a refresh after someone else's save).
  const liftedItem = lifted ? items[lifted.from] : undefined;
  const lift = lifted && liftedItem !== undefined && itemId(liftedItem) === lifted.id ? lifted : null;
  // While an item is lifted by keyboard the list shows it where it would land.
  const shown = lift ? moveItem(items, lift.from, lift.to) : items;
  const ids = shown.map(itemId);

  useEffect(() => setPortal(document.body), []);

  const controlId = (id: string, control: "up" | "down" | "handle") => `${listId}-${id}-${control}`;

  // After a move button moved an item, focus follows it: the same button, or the other one when it
  // reached an end (a disabled button cannot hold focus). Runs once the new order has rendered,
  // which for a list saved on the server is after the save.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the order changing is what this waits for
  useEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    const button = (control: "up" | "down" | "handle") =>
      document.getElementById(controlId(target.id, control)) as HTMLButtonElement | null;
    const other = target.direction === "up" ? "down" : "up";
    const next = [button(target.direction), button(other), button("handle")].find(
      (candidate) => candidate && !candidate.disabled,
    );
    if (!next) return;
    pendingFocus.current = null;
    next.focus();
  }, [ids.join(","), disabled]);

  // A drag is put back with Escape; inside a dialog, that Escape must not close the dialog too.
  // Radix dialogs leave an Escape alone once its default is prevented, and the drag still ends.
  const dragging = activeId !== null || lift !== null;
  useEffect(() => {
    if (!dragging) return;
    const keepEscape = (event: globalThis.KeyboardEvent) => {
      if (event.key === "Escape") event.preventDefault();
    };
    window.addEventListener("keydown", keepEscape, { capture: true });
    return () => window.removeEventListener("keydown", keepEscape, { capture: true });
  }, [dragging]);

  // A pointer pressed anywhere puts a keyboard-lifted item back, as Escape would.
  useEffect(() => {
    if (lift === null) return;
    const putBack = () => setLift(null);
    window.addEventListener("pointerdown", putBack, { capture: true });
    return () => window.removeEventListener("pointerdown", putBack, { capture: true });
  }, [lift]);

  // A lifted item's grip keeps focus as the item moves (React moving its row can take focus away),
  // and stays in view.
  useLayoutEffect(() => {
    if (!lift) return;
    const grip = document.getElementById(controlId(lift.id, "handle"));
    if (!grip) return;
    if (document.activeElement !== grip) grip.focus();
    grip.scrollIntoView({ block: "nearest" });
  });

  const place = (id: UniqueIdentifier | null | undefined) => {
    const index = id == null ? -1 : ids.indexOf(String(id));
    const item = items[index];
    return item === undefined ? null : { item, index, label: itemLabel(item) };
  };

  const reorder = (from: number, to: number) => {
    const item = items[from];
    if (item === undefined || to < 0 || to >= items.length || from === to) return;
    onReorder(moveItem(items, from, to), { item, from, to });
  };

  const announcements = useAnnouncements(wording, place, items.length);

  // The keyboard on a grip: Space or Enter lifts and drops, arrows move one place, Escape puts back,
  // Tab drops and moves on.
  const onGripKeyDown = (event: KeyboardEvent<HTMLButtonElement>, id: string) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const index = items.findIndex((item) => itemId(item) === id);
    const item = items[index];
    if (item === undefined) return;
    const name = itemLabel(item);
    const total = items.length;
    const press = event.key === " " || event.key === "Enter";
    // A held Space or Enter repeats: the first press lifts or drops, the rest do nothing.
    if (event.repeat && press) {
      event.preventDefault();
      return;
    }
    if (!lift) {
      if (disabled || !press) return;
      event.preventDefault();
      setLift({ id, from: index, to: index });
      setMoved(wording.pickedUp(name, index + 1, total));
      return;
    }
    if (lift.id !== id) return;
    if (event.key === "ArrowUp" || event.key === "ArrowDown") {
      event.preventDefault();
      const to = Math.min(total - 1, Math.max(0, lift.to + (event.key === "ArrowUp" ? -1 : 1)));
      setLift({ ...lift, to });
      setMoved(wording.over(name, lift.from + 1, to + 1, total));
    } else if (event.key === "Escape") {
      event.preventDefault();
      setLift(null);
      setMoved(wording.cancelled(name, lift.from + 1, total));
    } else if (press || event.key === "Tab") {
      if (event.key !== "Tab") event.preventDefault();
      setLift(null);
      setMoved(wording.dropped(name, lift.from + 1, lift.to + 1, total));
      reorder(lift.from, lift.to);
    }
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    setActiveId(active.id);
    setOverId(active.id);
    setMoved("");
  };
  const onDragOver = ({ over }: DragOverEvent) => setOverId(over?.id ?? null);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setActiveId(null);
    setOverId(null);
    const from = place(active.id);
    const to = place(over?.id);
    if (from && to) reorder(from.index, to.index);
  };
  const onDragCancel = () => {
    setActiveId(null);
    setOverId(null);
  };

  const moveBy = (index: number, by: -1 | 1) => {
    if (disabled) return;
    const item = items[index];
    const to = index + by;
    if (item === undefined || to < 0 || to >= items.length) return;
    pendingFocus.current = { id: itemId(item), direction: by < 0 ? "up" : "down" };
    setMoved(wording.dropped(itemLabel(item), index + 1, to + 1, items.length));
    reorder(index, to);
  };

  // While the list may not change, its controls say so but keep focus, so the keyboard stays on
  // the item just moved (a disabled button would drop focus to the page).
  const busy = disabled && "cursor-not-allowed opacity-50";
  const active = place(activeId);
  const over = place(overId);

  return (
    <div className={className}>
      <DndContext
        id={listId}
        sensors={sensors}
        collisionDetection={closestCenter}
        modifiers={[verticalOnly]}
        accessibility={{ announcements, screenReaderInstructions: { draggable: wording.instructions } }}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={onDragCancel}
      >
        <SortableContext items={ids} strategy={verticalListSortingStrategy} disabled={disabled}>
          <ol aria-label={label} className="grid gap-3">
            {shown.map((item, index) => {
              const id = itemId(item);
              const name = itemLabel(item);
              const isLifted = lift?.id === id;
              return (
                <SortableItem
                  key={id}
                  id={id}
                  disabled={disabled}
                  lifted={isLifted}
                  liProps={itemProps?.(item, index)}
                >
                  {(grip) =>
                    children(item, {
                      position: index + 1,
                      handle: (
                        <Button
                          ref={grip.ref}
                          id={controlId(id, "handle")}
                          type="button"
                          variant="ghost"
                          size="icon"
                          className={cn(
                            "size-8 cursor-grab touch-none text-muted-foreground hover:text-foreground active:cursor-grabbing",
                            busy,
                          )}
                          {...grip.attributes}
                          {...grip.listeners}
                          aria-pressed={isLifted || grip.attributes["aria-pressed"]}
                          onKeyDown={(event) => onGripKeyDown(event, id)}
                          aria-label={wording.handle(name, index + 1)}
                        >
                          <GripVertical aria-hidden className="size-4" />
                        </Button>
                      ),
                      moveButtons: (
                        <>
                          <Button
                            id={controlId(id, "up")}
                            type="button"
                            variant="ghost"
                            size="icon"
                            className={cn("size-8", busy)}
                            disabled={index === 0}
                            aria-disabled={disabled || undefined}
                            onClick={() => moveBy(index, -1)}
                            aria-label={wording.move(name, index + 1, "up")}
                          >
                            <ArrowUp aria-hidden className="size-4" />
                          </Button>
                          <Button
                            id={controlId(id, "down")}
                            type="button"
                            variant="ghost"
                            size="icon"
                            className={cn("size-8", busy)}
                            disabled={index === items.length - 1}
                            aria-disabled={disabled || undefined}
                            onClick={() => moveBy(index, 1)}
                            aria-label={wording.move(name, index + 1, "down")}
                          >
                            <ArrowDown aria-hidden className="size-4" />
                          </Button>
                        </>
                      ),
                    })
                  }
                </SortableItem>
              );
            })}
          </ol>
        </SortableContext>
        {portal
          ? createPortal(
              // In the body, so a dialog's centring transform does not shift it off the pointer.
              <DragOverlay modifiers={[verticalOnly]} dropAnimation={reducedMotion ? null : undefined}>
                {active ? (
                  <div
                    aria-hidden
                    className="flex h-full cursor-grabbing items-start gap-2 rounded-md border border-primary/40 bg-background p-3 text-sm shadow-lg ring-2 ring-primary/30"
                  >
                    <GripVertical className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
                    <span className="font-medium">
                      {noun.charAt(0).toUpperCase()}
                      {noun.slice(1)} {(over ?? active).index + 1}
                    </span>
                    <span className="truncate text-muted-foreground">{active.label}</span>
                  </div>
                ) : null}
              </DragOverlay>,
              portal,
            )
          : null}
      </DndContext>
      <p className="sr-only" role="status" aria-live="polite">
        {moved}
      </p>
    </div>
  );
}

type Grip = {
  ref: (element: HTMLElement | null) => void;
  attributes: ReturnType<typeof useSortable>["attributes"];
  listeners: ReturnType<typeof useSortable>["listeners"];
};

function SortableItem({
  id,
  disabled,
  lifted,
  liProps,
  children,
}: {
  id: string;
  disabled: boolean;
  /** Picked up with the keyboard: it moves in the list itself, marked so the eye follows it. */
  lifted: boolean;
  liProps: ComponentProps<"li"> | undefined;
  children: (grip: Grip) => ReactNode;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id, disabled });
  const { className, style, ...rest } = liProps ?? {};
  return (
    <li
      ref={setNodeRef}
      {...rest}
      data-dragging={isDragging || lifted || undefined}
      style={{ ...style, transform: CSS.Translate.toString(transform), transition }}
      className={cn(
        className,
        // Where the item will land: its outline stays, dashed, while the lifted copy follows the pointer.
        isDragging && "border-primary/50 border-dashed bg-muted/40 *:invisible",
        lifted && "border-primary/50 shadow-lg ring-2 ring-primary/30",
      )}
    >
      {children({ ref: setActivatorNodeRef, attributes, listeners })}
    </li>
  );
}

/** What a screen reader hears while an item is dragged: its name and where it would land, counted from 1. */
function useAnnouncements(
  wording: ReorderWording,
  place: (id: UniqueIdentifier | null | undefined) => { index: number; label: string } | null,
  total: number,
): Announcements {
  return {
    onDragStart: ({ active }) => {
      const from = place(active.id);
      return from ? wording.pickedUp(from.label, from.index + 1, total) : undefined;
    },
    onDragOver: ({ active, over }) => {
      const from = place(active.id);
      if (!from) return undefined;
      const to = place(over?.id);
      return to
        ? wording.over(from.label, from.index + 1, to.index + 1, total)
        : wording.outside(from.label, from.index + 1);
    },
    onDragEnd: ({ active, over }) => {
      const from = place(active.id);
      if (!from) return undefined;
      const to = place(over?.id);
      return wording.dropped(from.label, from.index + 1, (to ?? from).index + 1, total);
    },
    onDragCancel: ({ active }) => {
      const from = place(active.id);
      return from ? wording.cancelled(from.label, from.index + 1, total) : undefined;
    },
  };
}
