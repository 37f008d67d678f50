/**
 * The colors a list can have: mid tones that stay visible on the light and the dark surface. A
 * color is never all that marks a list: its name goes with it, and each color has a name.
 */
export const LIST_COLORS = [
  { name: "Red", value: "#dc2626" },
  { name: "Orange", value: "#ea580c" },
  { name: "Yellow", value: "#ca8a04" },
  { name: "Green", value: "#16a34a" },
  { name: "Teal", value: "#0d9488" },
  { name: "Blue", value: "#2563eb" },
  { name: "Purple", value: "#9333ea" },
  { name: "Pink", value: "#db2777" },
] as const;
