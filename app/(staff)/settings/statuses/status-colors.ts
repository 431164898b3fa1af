import type { StatusColor } from "@/server/reference/statuses/schemas";

/** Swatch classes per status color (written out in full so Tailwind keeps them). */
export const swatchClass: Record<StatusColor, string> = {
  gray: "bg-gray-400",
  blue: "bg-blue-500",
  indigo: "bg-indigo-500",
  green: "bg-green-500",
  amber: "bg-amber-500",
  red: "bg-red-500",
  purple: "bg-purple-500",
  teal: "bg-teal-500",
};

export const swatchOf = (color: string) => swatchClass[color as StatusColor] ?? swatchClass.gray;
